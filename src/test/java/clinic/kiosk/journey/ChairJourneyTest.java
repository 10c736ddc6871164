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

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nurse's day in three browsers: the front desk's board, a nurse's board and the lobby TV. A patient checks
 * in; the nurse seats her in chair 1 (the lobby calls her ticket, never her name), records vitals, starts and ends
 * the infusion and completes the discharge checklist; the desk's board and the lobby follow every step live.
 */
@Tag("selenium")
class ChairJourneyTest {
    private static TestApp app;
    private static Browser deskBrowser;
    private static Browser nurseBrowser;
    private static Browser lobbyBrowser;

    @BeforeAll
    static void start() {
        app = TestApp.checkInOnly(false); // enrolment off: the lobby opens in any browser
        deskBrowser = Browser.start(1400, 1000);
        nurseBrowser = Browser.start(1400, 1000);
        lobbyBrowser = Browser.start(1280, 720);
    }

    @AfterAll
    static void stop() {
        lobbyBrowser.close();
        nurseBrowser.close();
        deskBrowser.close();
        app.close();
    }

    @Test
    void a_patient_goes_from_ready_to_discharged_and_both_boards_and_the_lobby_follow_live() {
        app.importSchedule("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n");
        app.staff("dan", "desk");
        app.staff("nina", "nurse");
        DeskBoardPage desk = new DeskBoardPage(deskBrowser, app.url("")).signInAs("dan", "dan own password 1");
        DeskBoardPage nurse = new DeskBoardPage(nurseBrowser, app.url("")).signInAs("nina", "nina own password 1");
        lobbyBrowser.open(app.url("/lobby"));
        lobbyBrowser.waiting().until(d -> d.findElement(By.id("live-status")).getText().equals("Live"));
        desk.mark();

        WebClient tablet = app.client();
        assertEquals("/kiosk/step/contact", Screener.location(Screener.identify(tablet, "Ana", "Rivera", "3", "14", "1985")));
        tablet.post("/kiosk/step/contact", Map.of("phone", "555-0101", "escortName", "Maria Rivera",
                "escortPhone", "555-0199", "plan", "stays"));
        desk.awaitInColumn("ready", "Rivera, Ana");
        nurse.awaitInColumn("ready", "Rivera, Ana");
        lobbyBrowser.waitForText("1 waiting");
        assertFalse(desk.column("ready").contains("Seat in"), "the desk does not seat patients");

        nurse.pressOnCard("Rivera, Ana", "Seat in Chair 1");
        nurse.awaitInColumn("seated", "Rivera, Ana");
        desk.awaitInColumn("seated", "Rivera, Ana");
        desk.awaitPlace("chair-1", "K-01");
        lobbyBrowser.waitForText("K-01");
        String lobby = lobbyBrowser.text();
        assertTrue(lobby.contains("please go to Chair 1"), lobby);
        assertFalse(lobby.contains("Ana") || lobby.contains("Rivera"), "the lobby never shows a name");
        lobbyBrowser.screenshot("lobby-call");

        nurse.pressOnCard("Rivera, Ana", "Record vitals");
        nurseBrowser.waitForText("Before the infusion");
        nurseBrowser.fillIn("Systolic", "128");
        nurseBrowser.fillIn("Diastolic", "82");
        nurseBrowser.fillIn("Heart rate", "72");
        nurseBrowser.fillIn("SpO2", "98");
        nurseBrowser.fillIn("Weight (kg)", "70.5");
        nurseBrowser.submit("Save vitals");
        nurseBrowser.waitForText("within the threshold of 140/90");
        nurseBrowser.screenshot("chair-sheet-seated");
        assertFalse(desk.column("seated").contains("128/82"), "the desk never sees vitals");

        nurseBrowser.submit("Start infusion");
        nurseBrowser.waitForText("Infusion 0 of 40 min");
        desk.awaitInColumn("infusing", "Rivera, Ana");
        nurseBrowser.submit("End infusion");
        nurseBrowser.waitForText("Recovery 0 of 20 min");
        desk.awaitInColumn("recovering", "Rivera, Ana");

        for (String criterion : new String[] {"Vitals near baseline", "Walking steadily", "Nausea controlled", "Oriented"}) {
            nurseBrowser.driver.findElement(By.xpath("//label[normalize-space(.)='" + criterion + "']")).click();
        }
        nurseBrowser.driver.findElement(By.xpath("//label[normalize-space(.)='Maria Rivera, as given at check-in, is here']")).click();
        nurseBrowser.screenshot("discharge-checklist");
        nurseBrowser.submit("Discharge");
        nurseBrowser.waitForText("Discharged");
        desk.awaitInColumn("done", "Discharged");
        desk.awaitPlace("chair-1", "Cleaning");
        lobbyBrowser.waitForText("0 waiting");
        assertFalse(lobbyBrowser.text().contains("K-01"), "the call is over");
        assertTrue(desk.sameLoad(), "the desk's board followed every step without a reload");
        deskBrowser.screenshot("desk-board-after-discharge");

        nurseBrowser.follow("Back to the board");
        nurse.awaitInColumn("done", "Rivera, Ana");
        for (DeskBoardPage board : new DeskBoardPage[] {desk, nurse}) {
            String done = board.column("done");
            assertTrue(done.startsWith("Done today (1)") && done.contains("Rivera, Ana") && done.contains("Discharged")
                    && done.contains("No next booking"), done);
            assertTrue(board.column("recovering").startsWith("Recovering (0)"));
            assertTrue(board.place("chair-1").contains("Cleaning"));
        }
    }
}
