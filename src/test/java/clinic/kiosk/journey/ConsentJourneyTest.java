package clinic.kiosk.journey;

import clinic.kiosk.support.Browser;
import clinic.kiosk.support.Screener;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A patient reads and signs the consents at a tablet-size browser, drawing with the pointer; the visit page shows
 * them and serves the PDFs; a paper consent recorded by staff lets another visit become ready.
 */
@Tag("selenium")
class ConsentJourneyTest {
    private static TestApp app;
    private static Browser tablet;
    private static Browser desk;

    @BeforeAll
    static void start() {
        app = TestApp.start(s -> new clinic.kiosk.app.App.Settings(s.port(), s.dataDir(), s.configDir(), s.demo(),
                Optional.of(false), s.adminPassword(), s.passwordIterations(), s.clock(), s.console()));
        app.importSchedule("C1,CP1,Lucía,Gómez,1990-06-30,2026-11-26T10:15,infusion,555-0103\n"
                + "C2,CP2,Marcus,Bell,1972-11-02,2026-11-26T10:30,infusion,555-0102\n");
        tablet = Browser.start(768, 1024);
        desk = Browser.start(1280, 900);
    }

    @AfterAll
    static void stop() {
        tablet.close();
        desk.close();
        app.close();
    }

    @Test
    void a_patient_signs_with_a_finger_and_the_desk_sees_the_pdf() {
        KioskPage kiosk = new KioskPage(tablet, app.url("")).open().checkIn();
        kiosk.identify("Lucía", "Gómez", "6", "30", "1990");
        kiosk.contactWithEscort("555-0103", "Pedro Gómez", "555-0190");
        // The safety check and the C-SSRS, quickly, over HTTP in the same session would differ from the browser's:
        // answer them in the browser with nothing to report.
        for (int i = 0; i < 40 && !tablet.text().contains("I agree to sign electronically"); i++) {
            tablet.waitForText("Question");
            if (!tablet.driver.findElements(By.cssSelector("input[type=radio]")).isEmpty()) {
                String heading = tablet.textOf("h1, legend");
                String label = heading.contains("confirmed for today") || heading.contains("blood pressure medicine") ? "Yes" : "No";
                tablet.driver.findElement(By.xpath("//label[normalize-space(.)='" + label + "']")).click();
            }
            tablet.driver.findElements(By.cssSelector("input.number")).forEach(n -> n.sendKeys("10"));
            tablet.submit("Continue");
        }
        tablet.screenshot("consent-top");
        kiosk.signConsent("Lucia Gomez");
        tablet.screenshot("consent-after-sign");
        tablet.waitForText("Consent 2 of 3");
        kiosk.signConsent("Lucía Gómez");
        tablet.waitForText("Consent 3 of 3");
        kiosk.signConsent("LUCÍA GÓMEZ");
        tablet.waitForText("Little interest or pleasure");

        DeskBoardPage board = new DeskBoardPage(desk, app.url("")).signInAndOpen();
        board.awaitInColumn("ready", "Gómez, Lucía");
        board.openVisit("Gómez, Lucía");
        desk.waitForText("Consent to IV ketamine treatment (version 1)");
        desk.screenshot("visit-consents");
        String href = desk.driver.findElement(By.xpath("//a[starts-with(normalize-space(.), 'PDF')]")).getAttribute("href");
        WebClient staff = app.admin();
        HttpResponse<String> pdf = staff.get(href.replaceFirst("^http://[^/]+", ""));
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        assertTrue(pdf.body().startsWith("%PDF"));
    }

    @Test
    void a_paper_consent_recorded_by_staff_lets_the_visit_become_ready() {
        WebClient bell = app.client();
        HttpResponse<String> identified = Screener.identify(bell, "Marcus", "Bell", "11", "2", "1972");
        String at = Screener.location(bell.post("/kiosk/step/contact", Map.of("phone", "555-0102", "escortName", "Jo",
                "escortPhone", "555-0111", "plan", "stays")));
        assertEquals("/kiosk/step/consents", Screener.until(bell, at, Map.of(), "/kiosk/step/consents"));

        DeskBoardPage board = new DeskBoardPage(desk, app.url("")).signInAndOpen();
        board.awaitInColumn("arrived", "Bell, Marcus");
        board.openVisit("Bell, Marcus");
        for (int i = 0; i < 3; i++) {
            desk.waitForText("Record a consent signed on paper");
            desk.submit("Record paper consent, witnessed by me");
            desk.waitForText("The paper consent was recorded.");
        }
        Matcher visit = Pattern.compile("/desk/visits/(\\d+)").matcher(desk.driver.getCurrentUrl());
        assertTrue(visit.find());
        assertTrue(desk.text().contains("on paper, witness Administrator"));
        desk.follow("Back to the board");
        new DeskBoardPage(desk, app.url("")).awaitLive().awaitInColumn("ready", "Bell, Marcus");
    }
}
