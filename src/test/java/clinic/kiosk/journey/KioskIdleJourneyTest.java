package clinic.kiosk.journey;

import clinic.kiosk.app.App;
import clinic.kiosk.support.Browser;
import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idle reset in a real browser, with the shortest idle time the configuration allows (10 seconds). */
@Tag("selenium")
class KioskIdleJourneyTest {
    private static TestApp app;
    private static Browser tablet;

    @BeforeAll
    static void start() {
        app = TestApp.start(s -> new App.Settings(s.port(), s.dataDir(),
                TestApp.configWith(y -> y.replace("idle_timeout_seconds: 90", "idle_timeout_seconds: 10")
                        .replaceAll("steps: \\[identify, contact, [^\\]]*\\]", "steps: [identify, contact]")),
                s.demo(), Optional.of(false), s.adminPassword(), s.passwordIterations(), s.clock(), s.console()));
        app.importSchedule("I1,IP1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n");
        tablet = Browser.start(1024, 768);
    }

    @AfterAll
    static void stop() {
        tablet.close();
        app.close();
    }

    @Test
    void after_the_idle_reset_back_shows_nothing_of_the_patient() {
        KioskPage kiosk = new KioskPage(tablet, app.url("")).open().checkIn();
        kiosk.identify("Ana", "Rivera", "3", "14", "1985");
        tablet.waitForText("Welcome, Ana R.");
        tablet.fillIn("Escort name", "Maria Rivera");

        // Nobody touches the screen: "Still there?", then the reset.
        new org.openqa.selenium.support.ui.WebDriverWait(tablet.driver, Duration.ofSeconds(60))
                .until(d -> d.findElement(By.id("still-there")).isDisplayed());
        tablet.screenshot("kiosk-still-there-landscape");
        assertTrue(tablet.text().contains("Yes, I’m here"));
        new org.openqa.selenium.support.ui.WebDriverWait(tablet.driver, Duration.ofSeconds(90))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.getCurrentUrl().endsWith("/kiosk") && d.findElement(By.tagName("body")).getText().contains("Check in"));

        tablet.driver.navigate().back();
        tablet.waitForText("Check in");
        String after = tablet.text();
        assertFalse(after.contains("Ana R."), after);
        assertFalse(after.contains("Maria"), after);
        assertFalse(after.contains("555-0101"), after);
        tablet.driver.navigate().back();
        assertFalse(tablet.text().contains("Ana R."));
    }
}
