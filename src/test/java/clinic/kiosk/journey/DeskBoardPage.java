package clinic.kiosk.journey;

import clinic.kiosk.support.Browser;
import clinic.kiosk.support.TestApp;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** The desk's live board in a browser. */
final class DeskBoardPage {
    private final Browser browser;
    private final String base;

    DeskBoardPage(Browser browser, String base) {
        this.browser = browser;
        this.base = base;
    }

    DeskBoardPage signInAndOpen() {
        return signInAs("admin", TestApp.ADMIN_PASSWORD);
    }

    DeskBoardPage signInAs(String username, String password) {
        browser.open(base + "/desk");
        if (browser.text().contains("Sign in") && !browser.text().contains("Signed in as")) {
            browser.fillIn("Username", username);
            browser.fillIn("Password", password);
            browser.press("Sign in");
        }
        browser.waitForText("Signed in as");
        awaitLive();
        return this;
    }

    DeskBoardPage awaitLive() {
        browser.waiting().until(d -> d.findElement(By.id("live-status")).getText().equals("Live"));
        return this;
    }

    /** Marks this page load, so that a test can tell a live update from a reload. */
    void mark() {
        ((JavascriptExecutor) browser.driver).executeScript("window.__sameLoad = true;");
    }

    boolean sameLoad() {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser.driver).executeScript("return window.__sameLoad === true;"));
    }

    String column(String id) {
        return browser.waiting().until(d -> d.findElement(By.id("column-" + id)).getText());
    }

    void awaitInColumn(String id, String text) {
        browser.waiting().until(d -> d.findElement(By.id("column-" + id)).getText().contains(text));
    }

    /** Opens a patient's visit page from their card (retried if a live refresh replaces the card). */
    void openVisit(String name) {
        browser.waiting().until(d -> {
            d.findElement(By.linkText(name)).click();
            return true;
        });
        browser.waitForText("Back to the board");
    }

    /** The text of a chair or room on the chair map. */
    String place(String id) {
        return browser.waiting().until(d -> d.findElement(By.id("place-" + id)).getText());
    }

    void awaitPlace(String id, String text) {
        browser.waiting().until(d -> d.findElement(By.id("place-" + id)).getText().contains(text));
    }

    /** Clicks a card's button; a live refresh may replace the card meanwhile, so the click is retried. */
    void pressOnCard(String name, String button) {
        By target = By.xpath("//article[@aria-label='" + name + "']//*[self::button or self::a]"
                + "[starts-with(normalize-space(.), '" + button + "')]");
        browser.waiting().until(d -> {
            d.findElement(target).click();
            return true;
        });
    }
}
