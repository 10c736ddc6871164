package clinic.kiosk.desk;

import clinic.kiosk.support.LiveEvents;
import clinic.kiosk.support.Screener;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static clinic.kiosk.support.Screener.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nurse's day over HTTP on the check-in-only configuration (identify and contact, so a patient is READY at
 * once): the board's chair actions, the chair sheet, the lobby, roles, undo and the end of the day. The clock
 * stands at 10:00 in New York on Thursday 26 November 2026 (the clinic closes at 7 pm).
 */
class ChairHttpTest {
    private TestApp app;
    private WebClient nurse;

    @BeforeEach
    void start() {
        app = TestApp.checkInOnly(true);
        app.importSchedule("""
                A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101
                A2,P2,Tran,Nguyen,1968-01-09,2026-11-26T11:00,infusion,555-0104
                """);
        nurse = app.staff("nina", "nurse");
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** A patient checks in at a tablet with an escort who stays; returns the done page. */
    private String checkIn(String first, String last, String month, String day, String year, String escort) {
        WebClient tablet = app.tablet("Tablet " + last);
        assertEquals("/kiosk/step/contact", location(Screener.identify(tablet, first, last, month, day, year)));
        assertEquals("/kiosk/done", location(tablet.post("/kiosk/step/contact", Map.of("phone", "555-0101",
                "escortName", escort, "escortPhone", "555-0199", "plan", "stays"))));
        return tablet.get("/kiosk/done").body();
    }

    /** The nurse signs in again (a session ends after 15 idle minutes). */
    private WebClient signedInAgain() {
        WebClient c = app.client();
        c.signIn("nina", "nina own password 1");
        return c;
    }

    private String board(WebClient who) {
        return who.get("/desk").body();
    }

    private static String column(String board, String id) {
        int start = board.indexOf("id=\"column-" + id + "\"");
        assertTrue(start >= 0, "no column " + id);
        return board.substring(start, board.indexOf("</section>", start));
    }

    private static String place(String board, String id) {
        int start = board.indexOf("id=\"place-" + id + "\"");
        return board.substring(start, board.indexOf("</li>", start));
    }

    private long visitOf(String name) {
        Matcher m = Pattern.compile("href=\"/desk/visits/(\\d+)\">" + Pattern.quote(name)).matcher(board(nurse));
        assertTrue(m.find(), name + " is not on the board");
        return Long.parseLong(m.group(1));
    }

    private static Map<String, String> vitals(String systolic, String diastolic, String heartRate, String spo2, String weight) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("systolic", systolic);
        form.put("diastolic", diastolic);
        form.put("heartRate", heartRate);
        form.put("spo2", spo2);
        form.put("respiratoryRate", "14");
        form.put("sedation", "0");
        form.put("dissociation", "0");
        form.put("weight", weight);
        form.put("back", "sheet");
        return form;
    }

    /** A full reading: pressure, heart rate, SpO2, respiratory rate, RASS and dissociation, no weight. */
    private static Map<String, String> reading(String systolic, String diastolic, String heartRate, String spo2, String rr,
                                               String rass, String dissociation) {
        Map<String, String> form = vitals(systolic, diastolic, heartRate, spo2, "");
        form.put("respiratoryRate", rr);
        form.put("sedation", rass);
        form.put("dissociation", dissociation);
        return form;
    }

    /** The infusion in the medication record: 0.5 mg/kg, prepared by the nurse herself. */
    private HttpResponse<String> ketamine(WebClient who, long visit) {
        return who.post("/desk/visits/" + visit + "/medication", Map.of("medication", "ketamine", "dose", "0.5",
                "lot", "KET-2291", "preparedBy", "nina nurse", "back", "sheet"));
    }

    /** Ana checked in, seated in this chair with calm vitals and 70 kg, the infusion recorded and started. */
    private long anaInfusing(String chair) {
        checkIn("Ana", "Rivera", "3", "14", "1985", "Maria Rivera");
        long visit = visitOf("Rivera, Ana");
        nurse.post("/desk/visits/" + visit + "/seat", Map.of("place", chair));
        nurse.post("/desk/visits/" + visit + "/vitals", vitals("124", "78", "72", "98", "70"));
        ketamine(nurse, visit);
        assertEquals("/desk?notice=done", location(nurse.post("/desk/visits/" + visit + "/start", Map.of())));
        return visit;
    }

    /** Everything ticked, the escort given at check-in: what a nurse sends at a discharge that is due. */
    private HttpResponse<String> discharge(long visit) {
        return nurse.postPairs("/desk/visits/" + visit + "/discharge", "criteria", "walking", "criteria", "nausea",
                "criteria", "oriented", "criteria", "instructions", "escort", "given", "back", "sheet");
    }

    /** Thirty minutes on, the nurse looking at the board every ten (a staff session ends after 15 idle minutes). */
    private void observeThirtyMinutes() {
        for (int i = 0; i < 3; i++) {
            app.clock.advance(Duration.ofMinutes(10));
            board(nurse);
        }
    }

    @Test
    void a_nurse_runs_a_whole_infusion_from_the_board_and_the_chair_sheet() {
        String done = checkIn("Ana", "Rivera", "3", "14", "1985", "Maria Rivera");
        assertTrue(done.contains("Your wait is about 5 minutes."), done);
        long visit = visitOf("Rivera, Ana");
        String ready = column(board(nurse), "ready");
        assertTrue(ready.contains("Seat in Chair 1") && ready.contains("NEXT") && ready.contains("A place is free now"), ready);

        assertEquals("/desk?notice=done", location(nurse.post("/desk/visits/" + visit + "/seat", Map.of("place", "chair-1"))));
        String board = board(nurse);
        assertTrue(column(board, "seated").contains("Rivera, Ana") && column(board, "seated").contains("Chair 1"));
        assertTrue(place(board, "chair-1").contains("Occupied") && place(board, "chair-1").contains("K-01"));
        assertTrue(place(board, "chair-1").contains("Ana R."), "the map shows a short name only");

        String sheet = nurse.get("/desk/visits/" + visit + "/chair").body();
        for (String label : new String[] {">Systolic<", ">Diastolic<", ">Heart rate<", ">SpO2<", ">Weight (kg)<"}) {
            assertTrue(sheet.contains(label), label);
        }
        assertTrue(sheet.contains("No earlier weight on record.") && sheet.contains("Escort given at check-in: Maria Rivera"));
        HttpResponse<String> bad = nurse.post("/desk/visits/" + visit + "/vitals", vitals("abc", "", "72", "98", ""));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("Enter a whole number from 50 to 300"), "beside Systolic");
        assertTrue(bad.body().contains("Enter the diastolic pressure, for example 82"));
        assertTrue(bad.body().contains("Enter the weight in kg, for example 72.5"), "weight is needed before the infusion");
        assertTrue(bad.body().contains("value=\"abc\""), "nothing typed is lost");
        HttpResponse<String> upsideDown = nurse.post("/desk/visits/" + visit + "/vitals", vitals("80", "90", "72", "98", "70"));
        assertTrue(upsideDown.body().contains("The diastolic must be lower than the systolic"));

        assertEquals("/desk/visits/" + visit + "/chair", location(nurse.post("/desk/visits/" + visit + "/vitals",
                vitals("152", "94", "76", "98", "71.4"))));
        HttpResponse<String> refused = nurse.post("/desk/visits/" + visit + "/start", Map.of("back", "sheet"));
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("Blood pressure 152/94 is above the hold threshold of 140/90"), refused.body());
        assertEquals(403, nurse.post("/desk/visits/" + visit + "/override", Map.of("overrideReason", "x", "back", "sheet")).statusCode(),
                "overriding the hold is a clinician's decision (chair_care.override_roles)");
        assertEquals(403, app.admin().post("/desk/visits/" + visit + "/override", Map.of("overrideReason", "x", "back", "sheet")).statusCode(),
                "an admin account is not a clinical role");
        WebClient clinician = app.staff("drlee", "clinician");
        HttpResponse<String> noReason = clinician.post("/desk/visits/" + visit + "/override", Map.of("overrideReason", "", "back", "sheet"));
        assertEquals(422, noReason.statusCode());
        assertTrue(noReason.body().contains("Enter the reason for the override"));
        clinician.post("/desk/visits/" + visit + "/override", Map.of("overrideReason", "repeat 138/88 after rest", "back", "sheet"));
        HttpResponse<String> noMedication = nurse.post("/desk/visits/" + visit + "/start", Map.of("back", "sheet"));
        assertEquals(409, noMedication.statusCode());
        assertTrue(noMedication.body().contains("Record the Ketamine hydrochloride infusion in the medication record"), noMedication.body());
        HttpResponse<String> badDose = nurse.post("/desk/visits/" + visit + "/medication", Map.of("medication", "ketamine",
                "dose", "1.5", "lot", "", "preparedBy", "someone else", "back", "sheet"));
        assertEquals(422, badDose.statusCode());
        assertTrue(badDose.body().contains("Enter the lot number from the vial"));
        assertTrue(badDose.body().contains("Choose the nurse or clinician who prepared it"));
        assertTrue(badDose.body().contains("value=\"1.5\""), "nothing typed is lost");
        HttpResponse<String> aboveMax = nurse.post("/desk/visits/" + visit + "/medication", Map.of("medication", "ketamine",
                "dose", "1.5", "lot", "KET-2291", "preparedBy", "drlee clinician", "back", "sheet"));
        assertEquals(422, aboveMax.statusCode());
        assertTrue(aboveMax.body().contains("Enter a dose above 0 and at most 1 mg/kg"), aboveMax.body());
        assertEquals(403, app.admin().post("/desk/visits/" + visit + "/medication", Map.of("medication", "ketamine",
                "dose", "0.5", "lot", "KET-2291", "preparedBy", "nina nurse")).statusCode(), "entered by a clinical role");
        assertEquals("/desk/visits/" + visit + "/chair", location(ketamine(nurse, visit)));
        String dosed = nurse.get("/desk/visits/" + visit + "/chair").body();
        assertTrue(dosed.contains("0.5 mg/kg × 71.4 kg = 35.7 mg IV over 40 min") && dosed.contains("KET-2291"), dosed);
        Matcher entry = Pattern.compile("/medication/(\\d+)/void").matcher(dosed);
        assertTrue(entry.find(), "a wrong entry can be voided before it runs");
        String voidPath = "/desk/visits/" + visit + "/medication/" + entry.group(1) + "/void";
        HttpResponse<String> noVoidReason = nurse.post(voidPath, Map.of("voidReason", " ", "back", "sheet"));
        assertEquals(422, noVoidReason.statusCode());
        assertTrue(noVoidReason.body().contains("Enter why this entry is wrong"));
        assertEquals(422, ketamine(nurse, visit).statusCode(), "recorded once");
        assertTrue(ketamine(nurse, visit).body().contains("The infusion is already recorded for this visit"));
        assertEquals("/desk/visits/" + visit + "/chair", location(nurse.post(voidPath, Map.of("voidReason", "wrong lot typed", "back", "sheet"))));
        assertEquals("/desk/visits/" + visit + "/chair", location(ketamine(nurse, visit)));
        assertTrue(nurse.get("/desk/visits/" + visit + "/chair").body().contains("voided 10:00 AM by nina: wrong lot typed"));
        assertEquals("/desk?notice=done", location(nurse.post("/desk/visits/" + visit + "/start", Map.of())));
        assertTrue(nurse.get("/desk/visits/" + visit + "/chair").body().contains("started 10:00 AM"));
        assertTrue(column(board(nurse), "infusing").contains("Infusion 0 of 40 min"));

        app.clock.advance(Duration.ofMinutes(12));
        String infusing = column(board(nurse), "infusing");
        assertTrue(infusing.contains("Vitals due") && infusing.contains("Infusion 12 of 40 min"), infusing);
        assertFalse(infusing.contains("Vitals late"), "due at 10 minutes, late 5 minutes after");
        app.clock.advance(Duration.ofMinutes(4));
        assertTrue(column(board(nurse), "infusing").contains("Vitals late"));
        assertTrue(column(board(app.staff("dan", "desk")), "infusing").contains("Vitals late"), "on every board");
        nurse.post("/desk/visits/" + visit + "/vitals", vitals("138", "86", "80", "97", ""));
        assertFalse(column(board(nurse), "infusing").contains("Vitals due"));
        assertFalse(column(board(nurse), "infusing").contains("Vitals late"));
        HttpResponse<String> noIvNote = nurse.post("/desk/visits/" + visit + "/iv-note", Map.of("ivNote", " ", "back", "sheet"));
        assertEquals(422, noIvNote.statusCode());
        assertTrue(noIvNote.body().contains("Enter the IV note"));
        nurse.post("/desk/visits/" + visit + "/iv-note", Map.of("ivNote", "22G left hand", "back", "sheet"));
        assertTrue(nurse.get("/desk/visits/" + visit + "/chair").body().contains("value=\"22G left hand\""));
        HttpResponse<String> noNote = nurse.post("/desk/visits/" + visit + "/event", Map.of("kind", "other", "eventNote", "", "back", "sheet"));
        assertEquals(422, noNote.statusCode());
        assertTrue(noNote.body().contains("Describe what happened"));
        nurse.post("/desk/visits/" + visit + "/event", Map.of("kind", "emergence_reaction", "eventNote", "reassured", "back", "sheet"));
        app.clock.advance(Duration.ofMinutes(14)); // staff sessions end after 15 idle minutes
        assertFalse(column(board(nurse), "infusing").contains("DUE"));
        app.clock.advance(Duration.ofMinutes(15));
        assertTrue(column(board(nurse), "infusing").contains("DUE"), "the infusion timer is up");
        nurse.post("/desk/visits/" + visit + "/end", Map.of());
        assertTrue(column(board(nurse), "recovering").contains("Recovery 0 of 20 min"));

        HttpResponse<String> tooSoon = discharge(visit);
        assertEquals(422, tooSoon.statusCode());
        assertTrue(tooSoon.body().contains("Discharge criteria are missing"), tooSoon.body());
        assertTrue(tooSoon.body().contains("id=\"criterion-observation\"><span class=\"badge flag-block\">Missing"), "listed");
        assertTrue(tooSoon.body().contains("id=\"criterion-vitals\"><span class=\"badge flag-block\">Missing"), "no recovery reading");
        assertTrue(tooSoon.body().contains("id=\"criterion-escort\"><span class=\"badge muted\">Met"));
        assertTrue(tooSoon.body().contains("If a criterion cannot be met, a clinician may discharge with a reason."));
        HttpResponse<String> notHers = nurse.postPairs("/desk/visits/" + visit + "/discharge", "criteria", "walking",
                "escort", "given", "overrideReason", "she is fine", "back", "sheet");
        assertEquals(422, notHers.statusCode());
        assertTrue(notHers.body().contains("Only a clinician may discharge with criteria missing"));
        observeThirtyMinutes();
        nurse.post("/desk/visits/" + visit + "/vitals", reading("126", "80", "72", "98", "14", "0", "0"));
        HttpResponse<String> noTicks = nurse.postPairs("/desk/visits/" + visit + "/discharge", "escort", "given", "back", "sheet");
        assertEquals(422, noTicks.statusCode());
        assertTrue(noTicks.body().contains("The measured criteria are met: tick the checks below to discharge."), noTicks.body());
        assertTrue(noTicks.body().contains("tick each check that is done"), "the error beside the checks");
        assertEquals("/desk/visits/" + visit + "/chair", location(discharge(visit)));
        board = board(nurse);
        String doneColumn = column(board, "done");
        assertTrue(doneColumn.contains("Rivera, Ana") && doneColumn.contains("Discharged"), doneColumn);
        assertTrue(doneColumn.contains("No next booking · Infusion 1"), doneColumn);
        assertTrue(place(board, "chair-1").contains("Cleaning"));
        String finalSheet = nurse.get("/desk/visits/" + visit + "/chair").body();
        assertTrue(finalSheet.contains("152/94") && finalSheet.contains("HIGH") && finalSheet.contains("Emergence reaction"));
        assertTrue(finalSheet.contains("blood pressure 152/94 overridden"), "the history keeps the override");
        assertEquals("/desk?notice=done", location(nurse.post("/desk/places/chair-1/cleaned", Map.of())));
        assertTrue(place(board(nurse), "chair-1").contains("Free"));
    }

    @Test
    void a_reading_past_a_stop_and_call_threshold_is_a_block_on_every_board_at_once_and_a_clinician_clears_it() throws Exception {
        long visit = anaInfusing("chair-1");
        WebClient desk = app.staff("dan", "desk");
        LiveEvents deskBoard = LiveEvents.open(app, desk);
        app.clock.advance(Duration.ofMinutes(10));

        HttpResponse<String> incomplete = nurse.post("/desk/visits/" + visit + "/vitals",
                reading("190", "115", "130", "85", "", "", ""));
        assertEquals(422, incomplete.statusCode());
        assertTrue(incomplete.body().contains("Enter the breaths per minute, for example 14"));
        assertTrue(incomplete.body().contains("Choose the sedation score (RASS): 0 is alert and calm"));
        assertTrue(incomplete.body().contains("value=\"190\""), "nothing typed is lost");
        assertEquals("/desk/visits/" + visit + "/chair", location(nurse.post("/desk/visits/" + visit + "/vitals",
                reading("190", "115", "130", "85", "14", "-1", "2"))));
        assertTrue(deskBoard.changed(), "the desk board heard of it");
        String deskCard = column(board(desk), "infusing");
        assertTrue(deskCard.contains("flagged-block") && deskCard.contains("Vital-sign alarm: nurse needed now"), deskCard);
        assertFalse(deskCard.contains("190/115"), "the desk sees no vitals");
        String nurseCard = column(board(nurse), "infusing");
        assertTrue(nurseCard.contains("Blood pressure 190/115 at 10:10 AM during the infusion"), nurseCard);
        assertTrue(nurseCard.contains("Heart rate 130") && nurseCard.contains("SpO2 85%"), nurseCard);

        String sheet = nurse.get("/desk/visits/" + visit + "/chair").body();
        assertTrue(sheet.contains("Stop and call the prescriber"), sheet);
        assertTrue(sheet.contains("Pause the infusion and call the prescriber."));
        assertTrue(sheet.contains("STOP AND CALL"), "the reading is marked in the table");

        String visitPage = nurse.get("/desk/visits/" + visit).body();
        assertTrue(visitPage.contains("A clinician (prescriber) must review this flag."), "not the nurse's to clear");
        WebClient clinician = app.staff("drlee", "clinician");
        Matcher clear = Pattern.compile("/desk/flags/(\\d+)/clear").matcher(clinician.get("/desk/visits/" + visit).body());
        java.util.List<String> alarms = new java.util.ArrayList<>();
        while (clear.find()) {
            alarms.add(clear.group(1));
        }
        assertEquals(3, alarms.size(), "blood pressure, heart rate and SpO2, each its own flag");
        assertEquals(403, nurse.post("/desk/flags/" + alarms.get(0) + "/clear", Map.of("reason", "fine now")).statusCode());
        for (String id : alarms) {
            clinician.post("/desk/flags/" + id + "/clear", Map.of("reason", "repeat 150/92, HR 96, SpO2 97 on 2 L; continue"));
            assertTrue(nurse.get("/desk/visits/" + visit + "/chair").body().contains("Stop and call the prescriber")
                    || id.equals(alarms.get(alarms.size() - 1)), "open until the last one is cleared");
        }
        String cleared = nurse.get("/desk/visits/" + visit + "/chair").body();
        assertFalse(cleared.contains("Stop and call the prescriber"), "every alarm cleared");
        assertFalse(column(board(desk), "infusing").contains("Vital-sign alarm"));
    }

    @Test
    void the_desk_sees_states_and_timers_but_no_chair_actions_or_vitals() {
        checkIn("Ana", "Rivera", "3", "14", "1985", "Maria Rivera");
        long visit = visitOf("Rivera, Ana");
        WebClient desk = app.staff("dan", "desk");
        assertFalse(board(desk).contains("Seat in"), "seating is for nurses");
        assertEquals(403, desk.post("/desk/visits/" + visit + "/seat", Map.of("place", "chair-1")).statusCode());
        nurse.post("/desk/visits/" + visit + "/seat", Map.of("place", "chair-2"));
        nurse.post("/desk/visits/" + visit + "/vitals", vitals("120", "80", "70", "99", "65"));
        assertEquals(403, desk.get("/desk/visits/" + visit + "/chair").statusCode());
        for (String action : new String[] {"vitals", "start", "override", "end", "event", "hold", "lounge", "discharge", "undo"}) {
            assertEquals(403, desk.post("/desk/visits/" + visit + "/" + action, Map.of()).statusCode(), action);
        }
        String deskBoard = board(desk);
        assertTrue(column(deskBoard, "seated").contains("Seated 0 min") && column(deskBoard, "seated").contains("Chair 2"));
        assertFalse(deskBoard.contains("120/80") || deskBoard.contains("Record vitals") || deskBoard.contains("Start infusion"));
        assertEquals(200, desk.get("/desk/end-of-day").statusCode());
        assertEquals("/desk?notice=changed", location(desk.post("/desk/places/chair-1/cleaned", Map.of())),
                "anyone may mark a cleaned chair free (this one was not being cleaned)");
        WebClient nobody = app.client();
        assertEquals(303, nobody.get("/desk/visits/" + visit + "/chair").statusCode(), "sign in first");
        assertEquals(403, app.admin().get("/desk/visits/" + visit + "/chair").statusCode(),
                "an admin account is not a clinical role: no vitals");
    }

    @Test
    void the_lobby_shows_the_call_by_ticket_and_place_and_never_a_name() {
        checkIn("Ana", "Rivera", "3", "14", "1985", "Maria Rivera");
        checkIn("Tran", "Nguyen", "1", "9", "1968", "Linh Nguyen");
        WebClient tv = app.admin();
        tv.post("/admin/devices/enroll", Map.of("name", "Lobby TV", "role", "lobby"));
        String before = tv.get("/lobby").body();
        assertTrue(before.contains("2 waiting"), before);
        nurse.post("/desk/visits/" + visitOf("Nguyen, Tran") + "/seat", Map.of("place", "chair-3"));
        String calls = tv.get("/lobby/calls").body();
        assertTrue(calls.contains("K-02") && calls.contains("please go to Chair 3") && calls.contains("pase a Chair 3"), calls);
        assertTrue(calls.contains("1 waiting"));
        String lobby = tv.get("/lobby").body();
        for (String name : new String[] {"Ana", "Rivera", "Tran", "Nguyen", "Maria", "Linh"}) {
            assertFalse(lobby.contains(name), name + " on the lobby screen");
        }
        assertEquals(401, app.client().get("/lobby/calls").statusCode(), "not an enrolled lobby screen");
    }

    @Test
    void a_patient_who_leaves_the_chair_against_advice_is_marked_left_with_the_reason_and_frees_it() {
        long visit = anaInfusing("chair-3");
        nurse.post("/desk/visits/" + visit + "/end", Map.of());
        String recovering = column(board(nurse), "recovering");
        assertTrue(recovering.contains("/desk/appointments/") && recovering.contains("Left"), recovering);
        Matcher appointment = Pattern.compile("/desk/appointments/(\\d+)/left").matcher(recovering);
        assertTrue(appointment.find());
        assertEquals("/desk?notice=done", location(nurse.post("/desk/appointments/" + appointment.group(1) + "/left",
                Map.of("reason", "left against advice, escort informed", "state", "RECOVERING"))));
        String board = board(nurse);
        assertTrue(column(board, "done").contains("Left") && column(board, "done").contains("left against advice"));
        assertTrue(place(board, "chair-3").contains("Cleaning"));
    }

    @Test
    void a_consult_goes_to_the_room_and_ends_there_without_the_infusion_checklist() {
        app.importSchedule("A3,P3,Lucía,Gómez,1990-06-30,2026-11-26T10:45,consult,555-0103\n");
        WebClient tablet = app.tablet("Tablet consult");
        Screener.identify(tablet, "Lucía", "Gómez", "6", "30", "1990");
        assertEquals("/kiosk/done", location(tablet.post("/kiosk/step/contact", Map.of("phone", "555-0103"))));
        long visit = visitOf("Gómez, Lucía");
        String ready = column(board(nurse), "ready");
        assertTrue(ready.contains("To Consult room") && !ready.contains("Seat in Consult room"), ready);
        assertEquals(409, nurse.post("/desk/visits/" + visit + "/seat", Map.of("place", "chair-1")).statusCode(), "not a chair");
        nurse.post("/desk/visits/" + visit + "/seat", Map.of("place", "consult-room"));
        String board = board(nurse);
        assertTrue(column(board, "room").contains("Gómez, Lucía") && column(board, "room").contains("In room 0 of 90 min"));
        assertTrue(place(board, "consult-room").contains("Occupied"));
        String sheet = nurse.get("/desk/visits/" + visit + "/chair").body();
        assertTrue(sheet.contains("Finish the consultation") && !sheet.contains("Walking steadily"), "no ketamine checklist");
        nurse.post("/desk/visits/" + visit + "/discharge", Map.of());
        board = board(nurse);
        assertTrue(column(board, "done").contains("Gómez, Lucía") && column(board, "done").contains("Discharged"));
        assertTrue(place(board, "consult-room").contains("Free"), "a room needs no cleaning");
    }

    @Test
    void an_escort_who_said_they_would_be_back_by_now_is_marked_late() {
        WebClient tablet = app.tablet("Tablet 1");
        Screener.identify(tablet, "Ana", "Rivera", "3", "14", "1985");
        assertEquals("/kiosk/done", location(tablet.post("/kiosk/step/contact", Map.of("phone", "555-0101",
                "escortName", "Maria Rivera", "escortPhone", "555-0199", "plan", "returns", "returnsAt", "11:00 am"))));
        long visit = visitOf("Rivera, Ana");
        nurse.post("/desk/visits/" + visit + "/seat", Map.of("place", "chair-1"));
        String before = column(board(nurse), "seated");
        assertTrue(before.contains("Escort: Maria Rivera, back at 11:00 AM") && !before.contains("Escort late"), before);
        app.clock.advance(Duration.ofMinutes(14));
        board(nurse);
        app.clock.advance(Duration.ofMinutes(14));
        board(nurse);
        app.clock.advance(Duration.ofMinutes(5)); // 10:33
        board(nurse);
        app.clock.advance(Duration.ofMinutes(14)); // 10:47
        assertFalse(column(board(nurse), "seated").contains("Escort late"));
        app.clock.advance(Duration.ofMinutes(14)); // 11:01
        assertTrue(column(board(nurse), "seated").contains("Escort late"));
    }

    @Test
    void undo_on_the_card_within_five_minutes_and_not_after() {
        checkIn("Ana", "Rivera", "3", "14", "1985", "Maria Rivera");
        long visit = visitOf("Rivera, Ana");
        nurse.post("/desk/visits/" + visit + "/seat", Map.of("place", "chair-1"));
        assertTrue(column(board(nurse), "seated").contains(">Undo<"));
        nurse.post("/desk/visits/" + visit + "/undo", Map.of());
        assertTrue(column(board(nurse), "ready").contains("Rivera, Ana"), "back to ready");
        assertTrue(place(board(nurse), "chair-1").contains("Free"));
        nurse.post("/desk/visits/" + visit + "/seat", Map.of("place", "chair-1"));
        app.clock.advance(Duration.ofMinutes(6));
        assertFalse(column(board(nurse), "seated").contains(">Undo<"));
        HttpResponse<String> late = nurse.post("/desk/visits/" + visit + "/undo", Map.of());
        assertEquals(409, late.statusCode());
        assertTrue(late.body().contains("can no longer be undone"));
    }

    @Test
    void a_hold_needs_a_reason_and_shows_in_the_held_column() {
        checkIn("Ana", "Rivera", "3", "14", "1985", "Maria Rivera");
        long visit = visitOf("Rivera, Ana");
        nurse.post("/desk/visits/" + visit + "/seat", Map.of("place", "chair-1"));
        HttpResponse<String> none = nurse.post("/desk/visits/" + visit + "/hold", Map.of("holdReason", "", "back", "sheet"));
        assertEquals(422, none.statusCode());
        assertTrue(none.body().contains("Choose why the patient is held"));
        HttpResponse<String> other = nurse.post("/desk/visits/" + visit + "/hold", Map.of("holdReason", "other", "holdNote", ""));
        assertTrue(other.body().contains("Describe the reason"));
        nurse.post("/desk/visits/" + visit + "/hold", Map.of("holdReason", "blood_pressure", "holdNote", "182/104 twice"));
        String held = column(board(nurse), "held");
        assertTrue(held.contains("Rivera, Ana") && held.contains("blood pressure: 182/104 twice"), held);
        assertTrue(place(board(nurse), "chair-1").contains("Cleaning"));
    }

    @Test
    void after_closing_every_open_visit_is_listed_and_one_left_open_is_on_top_of_the_next_morning() {
        checkIn("Ana", "Rivera", "3", "14", "1985", "Maria Rivera");
        checkIn("Tran", "Nguyen", "1", "9", "1968", "Linh Nguyen");
        long ana = visitOf("Rivera, Ana");
        long tran = visitOf("Nguyen, Tran");
        nurse.post("/desk/visits/" + tran + "/seat", Map.of("place", "chair-2"));
        nurse.post("/desk/visits/" + tran + "/vitals", vitals("120", "80", "70", "99", "65"));
        ketamine(nurse, tran);
        nurse.post("/desk/visits/" + tran + "/start", Map.of());
        assertFalse(board(nurse).contains("Closing time has passed"), "not before 7 pm");
        app.clock.set(Instant.parse("2026-11-27T00:30:00Z")); // 7:30 pm in New York
        nurse = signedInAgain();
        assertTrue(board(nurse).contains("Closing time has passed: 2 visits still open."));
        String list = nurse.get("/desk/end-of-day").body();
        assertTrue(list.contains("Visits still open (2)") && list.contains("Rivera, Ana") && list.contains("Nguyen, Tran"), list);
        assertTrue(list.contains("In the infusion: end it on the chair sheet first.") && !list.contains("outcome-" + tran),
                "an infusing visit is not closed from the list");
        HttpResponse<String> noReason = nurse.post("/desk/visits/" + ana + "/close", Map.of("outcome-" + ana, "LEFT", "reason-" + ana, ""));
        assertEquals(422, noReason.statusCode());
        assertTrue(noReason.body().contains("Enter what happened"));
        HttpResponse<String> wrong = nurse.post("/desk/visits/" + ana + "/close", Map.of("outcome-" + ana, "DISCHARGED", "reason-" + ana, "x"));
        assertTrue(wrong.body().contains("Choose how the visit ended"), "a READY visit cannot close as discharged");
        assertEquals("/desk/end-of-day", location(nurse.post("/desk/visits/" + ana + "/close",
                Map.of("outcome-" + ana, "LEFT", "reason-" + ana, "went home before her chair, will rebook"))));
        assertTrue(board(nurse).contains("Closing time has passed: 1 visits still open."));

        app.clock.set(Instant.parse("2026-11-27T13:00:00Z")); // Friday 8 am
        nurse = signedInAgain();
        String morning = board(nurse);
        assertTrue(morning.contains("Still open from earlier days") && morning.contains("Thu Nov 26"), morning);
        assertTrue(morning.substring(morning.indexOf("Still open from earlier days")).contains("Nguyen, Tran"));
        assertTrue(nurse.get("/desk/end-of-day").body().contains("Nguyen, Tran"));
        nurse.post("/desk/visits/" + tran + "/end", Map.of());
        nurse.post("/desk/visits/" + tran + "/close", Map.of("outcome-" + tran, "DISCHARGED",
                "reason-" + tran, "left with Linh at 8:10 pm; not recorded"));
        assertFalse(board(nurse).contains("Still open from earlier days"));
        assertTrue(nurse.get("/desk/end-of-day").body().contains("Every visit is closed."));
    }
}
