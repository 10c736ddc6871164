package clinic.kiosk.journey;

import clinic.kiosk.support.Browser;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A patient answers the C-SSRS with intent at a tablet-size browser; the nurse's open board shows the flag without a
 * reload; the visit needs review; the nurse clears it with a reason and the visit is ready. The desk sees "Nurse
 * needed now" and no answers.
 */
@Tag("selenium")
class ScreeningJourneyTest {
    private static TestApp app;
    private static Browser tablet;
    private static Browser nurse;
    private static final String NURSE_PASSWORD = "nina own password 1";
    private static final String CLINICIAN_PASSWORD = "drlee own password 1";
    private static final String DESK_PASSWORD = "dan own password 12";

    @BeforeAll
    static void start() {
        app = TestApp.start(s -> new clinic.kiosk.app.App.Settings(s.port(), s.dataDir(), s.configDir(), s.demo(),
                java.util.Optional.of(false), s.adminPassword(), s.passwordIterations(), s.clock(), s.console()));
        app.importSchedule("S1,SP1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n");
        WebClient admin = app.admin();
        account(admin, "nina", "Nina Nurse", "nurse", NURSE_PASSWORD);
        account(admin, "dan", "Dan Desk", "desk", DESK_PASSWORD);
        account(admin, "drlee", "Dr Lee", "clinician", CLINICIAN_PASSWORD);
        tablet = Browser.start(768, 1024);
        nurse = Browser.start(1280, 900);
    }

    private static void account(WebClient admin, String username, String name, String role, String password) {
        String body = admin.post("/admin/staff", Map.of("username", username, "displayName", name, "role", role)).body();
        Matcher m = Pattern.compile("id=\"one-time-password\">([^<]+)<").matcher(body);
        assertTrue(m.find());
        WebClient c = app.client();
        c.signIn(username, m.group(1));
        c.post("/account/password", Map.of("current", m.group(1), "next", password, "confirm", password));
    }

    @AfterAll
    static void stop() {
        tablet.close();
        nurse.close();
        app.close();
    }

    private static void signIn(Browser b, String username, String password) {
        b.open(app.url("/desk"));
        b.fillIn("Username", username);
        b.fillIn("Password", password);
        b.press("Sign in");
        b.waitForText("Signed in as");
    }

    /** Answers the screen shown: the given label for radios, or the safe answer ("No", "Yes" to an escort), 10 for hours. */
    private static void answerScreen(String choice) {
        List<WebElement> radios = tablet.driver.findElements(By.cssSelector("input[type=radio]"));
        if (!radios.isEmpty()) {
            String heading = tablet.textOf("h1, legend");
            String label = choice != null ? choice
                    : heading.contains("confirmed for today") || heading.contains("blood pressure medicine") ? "Yes" : "No";
            tablet.driver.findElement(By.xpath("//label[normalize-space(.)='" + label + "']")).click();
        }
        for (WebElement number : tablet.driver.findElements(By.cssSelector("input.number"))) {
            number.sendKeys("10");
        }
        tablet.submit("Continue");
    }

    @Test
    void a_suicide_risk_flag_reaches_the_open_board_and_a_clinician_clears_it() {
        signIn(nurse, "nina", NURSE_PASSWORD);
        DeskBoardPage board = new DeskBoardPage(nurse, app.url("")).awaitLive();
        board.mark();

        KioskPage kiosk = new KioskPage(tablet, app.url("")).open().checkIn();
        kiosk.identify("Ana", "Rivera", "3", "14", "1985");
        kiosk.contactWithEscort("555-0101", "Maria Rivera", "555-0199");
        // The day-of safety check, with nothing to report.
        for (int i = 0; i < 40 && !tablet.text().contains("Have you wished you were dead"); i++) {
            tablet.waitForText("Question");
            if (tablet.text().contains("Have you wished you were dead")) {
                break;
            }
            answerScreen(null);
        }
        tablet.screenshot("cssrs-question");
        answerScreen("Yes");   // Q1 wish to be dead
        tablet.waitForText("Since your last visit"); // the time frame leads every question
        tablet.waitForText("actually had any thoughts of killing yourself");
        answerScreen("Yes");   // Q2
        tablet.waitForText("thinking about how you might do this");
        answerScreen("No");    // Q3
        tablet.waitForText("some intention of acting on them");
        answerScreen("Yes");   // Q4 intent: high risk
        board.awaitInColumn("arrived", "Nurse needed now");
        assertTrue(board.sameLoad(), "the flag arrived without a reload");
        tablet.waitForText("A member of our care team will come to talk with you");
        assertTrue(tablet.text().contains("988"));
        assertFalse(tablet.text().contains("risk"));
        tablet.waitForText("details of how to kill yourself");
        answerScreen("No");    // Q5
        tablet.waitForText("done anything, started to do anything");
        answerScreen("No");    // Q6: the C-SSRS is complete
        for (int i = 0; i < 3; i++) {  // the consents gate the chair too
            kiosk.signConsent("Ana Rivera");
            tablet.waitForText(i < 2 ? "Consent " + (i + 2) + " of 3" : "Little interest or pleasure");
        }
        board.awaitInColumn("review", "Rivera, Ana");
        nurse.screenshot("board-needs-review");

        // The desk sees the short message and no answers.
        WebClient desk = app.client();
        desk.signIn("dan", DESK_PASSWORD);
        Matcher visit = Pattern.compile("/desk/visits/(\\d+)").matcher(desk.get("/desk").body());
        assertTrue(visit.find());
        String deskView = desk.get("/desk/visits/" + visit.group(1)).body();
        assertTrue(deskView.contains("Nurse needed now"));
        assertFalse(deskView.contains("intention of acting"));

        board.openVisit("Rivera, Ana");
        nurse.waitForText("High suicide risk on the C-SSRS");
        nurse.waitForText("A clinician (prescriber) must review this flag.");
        nurse.screenshot("visit-page-nurse");
        String visitPage = nurse.driver.getCurrentUrl();
        nurse.submit("Sign out");
        signIn(nurse, "drlee", CLINICIAN_PASSWORD);
        nurse.open(visitPage);
        nurse.waitForText("High suicide risk on the C-SSRS");
        nurse.fillIn("Reason", "Spoke with Ana, safety plan agreed");
        nurse.submit("Clear this flag");
        nurse.waitForText("The flag was cleared.");
        nurse.follow("Back to the board");
        new DeskBoardPage(nurse, app.url("")).awaitLive().awaitInColumn("ready", "Rivera, Ana");
    }
}
