package clinic.kiosk.journey;

import clinic.kiosk.app.App;
import clinic.kiosk.support.Browser;
import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Patients at a tablet-size browser and the desk at its board, live, in real Chromium. */
@Tag("selenium")
class CheckInJourneyTest {
    private static TestApp app;
    private static Browser tablet;
    private static Browser desk;

    @BeforeAll
    static void start() {
        app = TestApp.checkInOnly(false);
        app.importSchedule("""
                J1,JP1,Lucía,Gómez,1990-06-30,2026-11-26T10:15,infusion,555-0103
                J2,JP2,Marcus,Bell,1972-11-02,2026-11-26T10:30,infusion,555-0102
                J3,JP3,Olivia,Hart,1999-08-21,2026-11-26T11:00,booster,555-0105
                J4,JP4,Samuel,Okafor,1979-04-05,2026-11-26T11:30,consult,555-0106
                J5,JP5,Tran,Nguyen,1968-01-09,2026-11-26T12:00,infusion,555-0104
                """);
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
    void a_patient_checks_in_and_appears_on_an_open_board_without_a_reload() {
        DeskBoardPage board = new DeskBoardPage(desk, app.url("")).signInAndOpen();
        board.mark();
        assertTrue(board.column("expected").contains("Gómez, Lucía"));

        KioskPage kiosk = new KioskPage(tablet, app.url("")).open().checkIn();
        tablet.screenshot("kiosk-identify-portrait");
        kiosk.identify("lucia", "GOMEZ", "6", "30", "1990");
        tablet.waitForText("Welcome, Lucía G.");
        board.awaitInColumn("arrived", "Gómez, Lucía");
        tablet.screenshot("kiosk-contact-portrait");
        kiosk.contactWithEscort("555-0103", "Pedro Gómez", "555-0190");
        String ticket = kiosk.ticket();
        tablet.screenshot("kiosk-done-portrait");
        board.awaitInColumn("ready", "Gómez, Lucía");
        assertTrue(board.column("ready").contains(ticket));
        assertTrue(board.column("ready").contains("Escort: Pedro Gómez, stays"));
        assertTrue(board.sameLoad(), "the board changed without a reload");
        desk.screenshot("board-live");
    }

    @Test
    void a_wrong_date_of_birth_gets_the_front_desk_message_and_no_name() {
        KioskPage kiosk = new KioskPage(tablet, app.url("")).open().checkIn();
        kiosk.identify("Marcus", "Bell", "11", "3", "1972");
        tablet.waitForText("Please go to the front desk");
        assertFalse(tablet.text().contains("Welcome"));
        assertFalse(tablet.text().contains("Marcus B."));
        tablet.screenshot("kiosk-no-match");
    }

    @Test
    void no_escort_yet_reaches_the_board_as_a_flag() {
        DeskBoardPage board = new DeskBoardPage(desk, app.url("")).signInAndOpen();
        String ticket = new KioskPage(tablet, app.url("")).open().checkIn().identify("Olivia", "Hart", "8", "21", "1999")
                .contactWithoutEscort("555-0105").ticket();
        // No escort is a blocking flag: the visit waits for a clinician in "Needs review".
        board.awaitInColumn("review", "Hart, Olivia");
        board.awaitInColumn("review", "NO ESCORT");

        // The next patient walks up: Back from the start screen shows nothing of Olivia.
        tablet.follow("Finish");
        tablet.waitForText("Tap the button to check in");
        tablet.driver.navigate().back();
        tablet.waitForText("Check in");
        assertFalse(tablet.text().contains(ticket), tablet.text());
        assertFalse(tablet.text().contains("Olivia"));
    }

    @Test
    void the_desk_checks_a_patient_in_on_their_behalf_and_marks_another_as_no_show() {
        DeskBoardPage board = new DeskBoardPage(desk, app.url("")).signInAndOpen();
        board.pressOnCard("Okafor, Samuel", "Check in");
        desk.waitForText("Checking in Samuel O. on their behalf.");
        desk.fillIn("Mobile phone", "555-0106");
        desk.press("Continue");
        desk.waitForText("Checked in.");
        board.awaitLive();
        board.awaitInColumn("ready", "Okafor, Samuel");

        board.pressOnCard("Nguyen, Tran", "No-show");
        desk.waitForText("Mark as no-show");
        desk.fillIn("Reason", "did not answer two calls");
        desk.press("Mark as no-show");
        desk.waitForText("Done.");
        board.awaitLive();
        board.awaitInColumn("done", "Nguyen, Tran");
        assertTrue(board.column("done").contains("did not answer two calls"));
        assertFalse(board.column("expected").contains("Nguyen, Tran"));
        assertEquals(-1, board.column("expected").indexOf("Okafor"));
    }
}
