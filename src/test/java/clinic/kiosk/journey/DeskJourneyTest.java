package clinic.kiosk.journey;

import clinic.kiosk.support.Browser;
import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A desk computer's day, in a real browser: sign in, import a schedule, see it, enrol a tablet, sign out. */
@Tag("selenium")
class DeskJourneyTest {
    private static TestApp app;
    private static Browser browser;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        browser = Browser.start(1280, 900);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void admin_signs_in_imports_a_schedule_sees_it_and_signs_out() throws IOException {
        browser.open(app.url("/desk"));
        browser.screenshot("signin");
        browser.press("Sign in");
        browser.waitForText("There is a problem");
        assertTrue(browser.text().contains("Enter your username"));
        browser.fillIn("Username", "admin");
        browser.fillIn("Password", TestApp.ADMIN_PASSWORD);
        browser.press("Sign in");
        browser.waitForText("Signed in as Administrator");

        browser.follow("Import schedule");
        Path csv = Files.createTempFile("schedule", ".csv");
        Files.writeString(csv, "appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone,course_number,course_length\n"
                + "J1,JP1,Tran,Nguyen,1968-01-09,2026-11-26T09:45,infusion,555-0104,3,6\n");
        browser.driver.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.press("Import");
        browser.waitForText("Imported");
        browser.screenshot("import-done");

        browser.follow("Appointments");
        browser.waitForText("Nguyen, Tran");
        assertTrue(browser.text().contains("3 of 6"));
        browser.screenshot("appointments");

        browser.press("Sign out");
        browser.waitForText("You have signed out.");
        browser.driver.navigate().back();
        browser.waitForText("Sign in");
        assertFalse(browser.text().contains("Nguyen"), "Back after sign-out shows nothing of the patients");
    }

    @Test
    void admin_enrolls_this_browser_as_a_kiosk_tablet() {
        browser.open(app.url("/kiosk"));
        browser.waitForText("This screen is not set up yet");
        browser.open(app.url("/desk"));
        browser.fillIn("Username", "admin");
        browser.fillIn("Password", TestApp.ADMIN_PASSWORD);
        browser.press("Sign in");
        browser.waitForText("Signed in as");
        browser.follow("Devices");
        browser.follow("Enroll this device");
        browser.fillIn("Device name", "Waiting room tablet 1");
        browser.driver.findElement(By.xpath("//label[normalize-space(.)='Kiosk tablet']")).click();
        browser.press("Enroll");
        browser.waitForText("Welcome to Riverside Ketamine Clinic");
        browser.screenshot("kiosk-enrolled");
        browser.open(app.url("/desk"));
        browser.waitForText("Sign in");
        assertFalse(browser.text().contains("Signed in as"), "the tablet does not stay signed in as the admin");
    }

    @Test
    void script_in_a_patients_name_never_runs_on_the_live_desk_board() {
        DeskBoardPage board = new DeskBoardPage(browser, app.url("")).signInAndOpen();
        board.mark();
        // Imported while the board is open: the live refresh inserts the new card; nothing in it may run.
        app.importSchedule("X1,XP1,\"<img src=x onerror=\"\"window.__xss=1\"\">\",\"<script>window.__xss=2</script>\","
                + "1985-03-14,2026-11-26T10:30,infusion,555-0101\n"
                + "X2,XP2,\"\"\"><svg onload=\"\"window.__xss=3\"\">\",Rivera,1985-03-14,2026-11-26T10:45,infusion,555-0102\n");
        board.awaitInColumn("expected", "<script>window.__xss=2</script>");
        String column = board.column("expected");
        assertTrue(column.contains("<img src=x onerror=\"window.__xss=1\">"), "the name shown as the text it is: " + column);
        assertTrue(board.sameLoad(), "a live refresh, not a reload");
        browser.open(app.url("/desk/appointments?date=2026-11-26"));
        browser.waitForText("<script>window.__xss=2</script>");
        Object ran = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("return window.__xss === undefined ? null : window.__xss;");
        assertTrue(ran == null, "no payload ran: " + ran);
        try {
            browser.driver.switchTo().alert();
            throw new AssertionError("an alert opened");
        } catch (org.openqa.selenium.NoAlertPresentException expected) {
            // nothing ran
        }
        browser.submit("Sign out"); // the browser is the class's: the other tests begin signed out
        browser.waitForText("Sign in");
    }
}
