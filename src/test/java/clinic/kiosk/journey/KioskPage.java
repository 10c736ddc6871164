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
        browser.press("Check in");
        browser.waitForText("Tell us who you are");
        return this;
    }

    KioskPage identify(String first, String last, String month, String day, String year) {
        browser.fillIn("First name", first);
        browser.fillIn("Last name", last);
        browser.fillIn("Month", month);
        browser.fillIn("Day", day);
        browser.fillIn("Year", year);
        browser.press("Continue");
        return this;
    }

    KioskPage contactWithoutEscort(String phone) {
        browser.waitForText("How can we reach you today?");
        browser.fillIn("Mobile phone", phone);
        browser.driver.findElement(By.xpath("//label[normalize-space(.)='I don’t have an escort yet']")).click();
        browser.press("Continue");
        return this;
    }

    KioskPage contactWithEscort(String phone, String escort, String escortPhone) {
        browser.waitForText("How can we reach you today?");
        browser.fillIn("Mobile phone", phone);
        browser.fillIn("Escort name", escort);
        browser.fillIn("Escort phone", escortPhone);
        browser.driver.findElement(By.xpath("//label[normalize-space(.)='They will stay here']")).click();
        browser.press("Continue");
        return this;
    }

    String ticket() {
        browser.waitForText("You’re checked in");
        return browser.find("#ticket").getText();
    }
}
