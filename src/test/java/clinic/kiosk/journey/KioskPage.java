package clinic.kiosk.journey;

import clinic.kiosk.support.Browser;
import org.openqa.selenium.By;

/** The patient's tablet, as a person uses it: buttons and labels by their words. */
final class KioskPage {
    private final Browser browser;
    private final String base;

    KioskPage(Browser browser, String base) {
        this.browser = browser;
        this.base = base;
    }

    KioskPage open() {
        browser.open(base + "/kiosk");
        browser.waitForText("Check in");
        return this;
    }

    KioskPage checkIn() {
        browser.submit("Check in");
        browser.waitForText("Tell us who you are");
        return this;
    }

    KioskPage identify(String first, String last, String month, String day, String year) {
        browser.fillIn("First name", first);
        browser.fillIn("Last name", last);
        browser.fillIn("Month", month);
        browser.fillIn("Day", day);
        browser.fillIn("Year", year);
        browser.submit("Continue");
        return this;
    }

    KioskPage contactWithoutEscort(String phone) {
        browser.waitForText("How can we reach you today?");
        browser.fillIn("Mobile phone", phone);
        browser.driver.findElement(By.xpath("//label[normalize-space(.)='I don’t have an escort yet']")).click();
        browser.submit("Continue");
        return this;
    }

    KioskPage contactWithEscort(String phone, String escort, String escortPhone) {
        browser.waitForText("How can we reach you today?");
        browser.fillIn("Mobile phone", phone);
        browser.fillIn("Escort name", escort);
        browser.fillIn("Escort phone", escortPhone);
        browser.driver.findElement(By.xpath("//label[normalize-space(.)='They will stay here']")).click();
        browser.submit("Continue");
        return this;
    }

    /** Reads a consent to its end, agrees, types the name and draws a signature with the pointer, then signs. */
    KioskPage signConsent(String fullName) {
        browser.waitForText("I agree to sign electronically");
        org.openqa.selenium.WebElement end = browser.find("#consent-end");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView(true);", end);
        browser.driver.findElement(By.xpath("//label[normalize-space(.)='I agree to sign electronically']")).click();
        browser.fillIn("Type your full name", fullName);
        org.openqa.selenium.WebElement pad = browser.find("#signature-pad");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", pad);
        new org.openqa.selenium.interactions.Actions(browser.driver)
                .moveToElement(pad, -220, 10).clickAndHold()
                .moveByOffset(60, -50).moveByOffset(60, 80).moveByOffset(70, -70).moveByOffset(80, 60).moveByOffset(60, -30)
                .release().perform();
        browser.waiting().until(d -> d.findElement(By.id("sign")).isEnabled());
        browser.submit("Sign");
        return this;
    }

    String ticket() {
        browser.waitForText("You’re checked in");
        return browser.find("#ticket").getText();
    }
}
