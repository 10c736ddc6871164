package clinic.kiosk.journey;

import clinic.kiosk.app.App;
import clinic.kiosk.support.Browser;
import clinic.kiosk.support.Screener;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole infusion in four browsers: the front desk's board, a nurse, a clinician and the lobby TV. A patient checks
 * in; the nurse seats her in chair 1 (the lobby calls her ticket, never her name), records vitals with weight and the
 * ketamine dose from it, starts the infusion; a blood pressure of 190/115 raises a stop-and-call alarm on the desk's
 * board at once; the clinician clears it on the visit page; after the infusion the discharge waits for its criteria
 * (30 minutes of observation, recovery vitals, the ticks, the instructions) and then goes through. The desk's board
 * and the lobby follow every step live. Staff sessions last two hours here, so the clock can move 30 minutes.
 */
@Tag("selenium")
class ChairJourneyTest {
    private static TestApp app;
    private static Browser deskBrowser;
    private static Browser nurseBrowser;
    private static Browser clinicianBrowser;
    private static Browser lobbyBrowser;

    @BeforeAll
    static void start() {
        app = TestApp.start(s -> new App.Settings(s.port(), s.dataDir(), TestApp.configWith(y -> y
                .replaceAll("steps: \\[identify, contact, [^\\]]*\\]", "steps: [identify, contact]")
                .replace("session_idle_minutes: 15", "session_idle_minutes: 120")), s.demo(), Optional.of(false),
                s.adminPassword(), s.passwordIterations(), s.clock(), s.console())); // enrolment off: the lobby opens anywhere
        deskBrowser = Browser.start(1400, 1000);
        nurseBrowser = Browser.start(1400, 1200);
        clinicianBrowser = Browser.start(1280, 1000);
        lobbyBrowser = Browser.start(1280, 720);
    }

    @AfterAll
    static void stop() {
        lobbyBrowser.close();
        clinicianBrowser.close();
        nurseBrowser.close();
        deskBrowser.close();
        app.close();
    }

    /** One full set of vital signs on the chair sheet. */
    private static void vitals(String systolic, String diastolic, String heartRate, String spo2, String rr, String rass,
                               String dissociation, String weight) {
        nurseBrowser.fillIn("Systolic", systolic);
        nurseBrowser.fillIn("Diastolic", diastolic);
        nurseBrowser.fillIn("Heart rate", heartRate);
        nurseBrowser.fillIn("SpO2", spo2);
        nurseBrowser.fillIn("Respiratory rate (/min)", rr);
        nurseBrowser.choose("Sedation (RASS)", rass);
        nurseBrowser.choose("Dissociation (CADSS anchors)", dissociation);
        if (weight != null) {
            nurseBrowser.fillIn("Weight (kg)", weight);
        }
        nurseBrowser.submit("Save vitals");
    }

    @Test
    void a_whole_infusion_from_seat_to_discharge_with_an_alarm_raised_and_cleared_on_the_way() {
        app.importSchedule("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n");
        app.staff("dan", "desk");
        app.staff("nina", "nurse");
        app.staff("drlee", "clinician");
        DeskBoardPage desk = new DeskBoardPage(deskBrowser, app.url("")).signInAs("dan", "dan own password 1");
        DeskBoardPage nurse = new DeskBoardPage(nurseBrowser, app.url("")).signInAs("nina", "nina own password 1");
        DeskBoardPage clinician = new DeskBoardPage(clinicianBrowser, app.url("")).signInAs("drlee", "drlee own password 1");
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

        // Seated: the lobby calls the ticket.
        nurse.pressOnCard("Rivera, Ana", "Seat in Chair 1");
        nurse.awaitInColumn("seated", "Rivera, Ana");
        desk.awaitInColumn("seated", "Rivera, Ana");
        desk.awaitPlace("chair-1", "K-01");
        lobbyBrowser.waitForText("K-01");
        String lobby = lobbyBrowser.text();
        assertTrue(lobby.contains("please go to Chair 1"), lobby);
        assertFalse(lobby.contains("Ana") || lobby.contains("Rivera"), "the lobby never shows a name");
        lobbyBrowser.screenshot("lobby-call");

        // Baseline vitals with weight, then the dose from that weight.
        nurse.pressOnCard("Rivera, Ana", "Record vitals");
        nurseBrowser.waitForText("Before the infusion");
        String sheetUrl = nurseBrowser.driver.getCurrentUrl().replaceAll("#.*$", ""); // no fragment: open() reloads
        assertTrue(nurseBrowser.text().contains("Emergency contact"), "the nurse's glance is on the sheet");
        vitals("128", "82", "72", "98", "14", "0 Alert and calm", "0 Not at all", "70.5");
        nurseBrowser.waitForText("within the threshold of 140/90");
        assertTrue(nurseBrowser.text().contains("Record the infusion (dose from today’s weight"));
        nurseBrowser.tick("Ketamine hydrochloride (usual 0.5 mg/kg)");
        nurseBrowser.fillIn("Dose (mg/kg for the infusion, mg for others)", "0.5");
        nurseBrowser.fillIn("Lot number", "KET-2291");
        nurseBrowser.choose("Prepared by", "drlee clinician");
        nurseBrowser.submit("Record medication");
        nurseBrowser.waitForText("0.5 mg/kg × 70.5 kg = 35.3 mg IV over 40 min");
        nurseBrowser.screenshot("chair-sheet-seated");
        assertFalse(desk.column("seated").contains("128/82"), "the desk never sees vitals");

        // The infusion, and a blood pressure past the stop-and-call threshold.
        nurseBrowser.submit("Start infusion");
        nurseBrowser.waitForText("Infusion 0 of 40 min");
        desk.awaitInColumn("infusing", "Rivera, Ana");
        app.clock.advance(Duration.ofMinutes(10));
        vitals("190", "115", "96", "97", "14", "-1 Drowsy (stays awake to voice, eye contact over 10 s)", "2 Moderately", null);
        nurseBrowser.waitForText("Stop and call the prescriber");
        assertTrue(nurseBrowser.text().contains("Pause the infusion and call the prescriber."));
        nurseBrowser.screenshot("chair-sheet-alarm");
        desk.awaitInColumn("infusing", "Vital-sign alarm: nurse needed now");
        assertFalse(desk.column("infusing").contains("190/115"), "the desk sees the alarm, not the numbers");

        clinician.awaitInColumn("infusing", "Blood pressure 190/115");
        clinician.openVisit("Rivera, Ana");
        clinicianBrowser.fillIn("Reason", "Paused; repeat 150/92 after 5 min; labetalol not needed; continue");
        clinicianBrowser.submit("Clear this flag");
        clinicianBrowser.waitForText("The flag was cleared.");
        desk.awaitInColumn("infusing", "Rivera, Ana");
        deskBrowser.waiting().until(d -> !d.findElement(By.id("column-infusing")).getText().contains("Vital-sign alarm"));

        nurseBrowser.open(sheetUrl);
        nurseBrowser.waitForText("Infusion 10 of 40 min");
        assertFalse(nurseBrowser.text().contains("Stop and call the prescriber"), "cleared by the clinician");
        vitals("150", "92", "88", "97", "14", "-1 Drowsy (stays awake to voice, eye contact over 10 s)", "1 Slightly", null);
        assertFalse(nurseBrowser.text().contains("Stop and call the prescriber"));
        app.clock.advance(Duration.ofMinutes(30));
        nurseBrowser.submit("End infusion");
        nurseBrowser.waitForText("Recovery 0 of 20 min");
        desk.awaitInColumn("recovering", "Rivera, Ana");

        // Discharge waits for its criteria.
        assertTrue(nurseBrowser.text().contains("Not ready for discharge"), "observation and recovery vitals missing");
        nurseBrowser.tick("Walks steadily without help");
        nurseBrowser.tick("Nausea controlled");
        nurseBrowser.tick("Oriented to time, place and person");
        nurseBrowser.tick("Discharge instructions given and explained");
        nurseBrowser.tick("Maria Rivera, as given at check-in, is here");
        nurseBrowser.submit("Discharge");
        nurseBrowser.waitForText("Discharge criteria are missing");
        assertEquals("Recovering", nurseBrowser.textOf("#visit-state"), "refused: still recovering");

        nurseBrowser.open(sheetUrl.replace("/chair", "/instructions"));
        nurseBrowser.waitForText("After your ketamine treatment today");
        assertTrue(nurseBrowser.text().contains("988"), "the crisis line is in the instructions");
        nurseBrowser.screenshot("discharge-instructions");
        nurseBrowser.follow("Back to the chair sheet");

        app.clock.advance(Duration.ofMinutes(30));
        nurseBrowser.open(sheetUrl);
        vitals("126", "80", "74", "98", "14", "0 Alert and calm", "0 Not at all", null);
        nurseBrowser.waitForText("The measured criteria are met");
        nurseBrowser.tick("Walks steadily without help");
        nurseBrowser.tick("Nausea controlled");
        nurseBrowser.tick("Oriented to time, place and person");
        nurseBrowser.tick("Discharge instructions given and explained");
        nurseBrowser.tick("Maria Rivera, as given at check-in, is here");
        nurseBrowser.screenshot("discharge-criteria");
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
