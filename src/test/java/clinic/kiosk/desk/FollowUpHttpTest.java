package clinic.kiosk.desk;

import clinic.kiosk.support.Screener;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static clinic.kiosk.support.Screener.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A patient with an open block or a high-risk flag never leaves the record silently: marking them as left or
 * cancelled (at the desk, or at the end of the day) needs a clinician's named follow-up, kept on the flags.
 */
class FollowUpHttpTest {
    private TestApp app;
    private WebClient desk;

    @BeforeEach
    void start() {
        app = TestApp.start();
        app.importSchedule("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n"
                + "A2,P2,Tran,Nguyen,1968-01-09,2026-11-26T11:00,infusion,555-0104\n");
        desk = app.staff("dan", "desk");
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** Checks a patient in at the tablet with these answers; returns their appointment's card id. */
    private long checkIn(String first, String last, String month, String day, String year, Map<String, String> answers) {
        WebClient tablet = app.tablet("Tablet " + last);
        Screener.identify(tablet, first, last, month, day, year);
        String at = location(tablet.post("/kiosk/step/contact", Map.of("phone", "555-0101", "escortName", "Maria",
                "escortPhone", "555-0199", "plan", "stays")));
        Screener.finish(tablet, at, answers);
        Matcher card = Pattern.compile("id=\"card-(\\d+)\" aria-label=\"" + last + ", " + first + "\"").matcher(desk.get("/desk").body());
        assertTrue(card.find());
        return Long.parseLong(card.group(1));
    }

    private static final Map<String, String> INTENT = Map.of("wish-dead", "LA33-6", "suicidal-thoughts", "LA33-6", "intent", "LA33-6");

    private HttpResponse<String> left(long appointment, String state, String clinician, String note) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("reason", "walked out of the waiting room");
        form.put("state", state);
        if (clinician != null) {
            form.put("followUpClinician", clinician);
        }
        if (note != null) {
            form.put("followUpNote", note);
        }
        return desk.post("/desk/appointments/" + appointment + "/left", form);
    }

    private String clinicianId(long appointment) {
        Matcher m = Pattern.compile("name=\"followUpClinician\" value=\"(\\d+)\"").matcher(
                desk.get("/desk/appointments/" + appointment + "/left").body());
        assertTrue(m.find(), "the clinicians are offered");
        return m.group(1);
    }

    @Test
    void hazard_a_patient_with_an_open_block_cannot_be_marked_left_without_a_clinicians_follow_up() {
        long ana = checkIn("Ana", "Rivera", "3", "14", "1985", INTENT);
        String page = desk.get("/desk/appointments/" + ana + "/left").body();
        assertTrue(page.contains("This patient has a safety flag that is still open"), page);
        HttpResponse<String> none = left(ana, "NEEDS_REVIEW", null, null);
        assertEquals(422, none.statusCode());
        assertTrue(none.body().contains("There is no clinician account to name: an admin must add one first"), none.body());
        app.staff("drlee", "clinician");
        HttpResponse<String> noNote = left(ana, "NEEDS_REVIEW", clinicianId(ana), "");
        assertEquals(422, noNote.statusCode());
        assertTrue(noNote.body().contains("Say what will be done"));
        assertTrue(desk.get("/desk").body().contains("Needs review"), "still open");
        assertEquals("/desk?notice=done", location(left(ana, "NEEDS_REVIEW", clinicianId(ana),
                "Dr Lee phones her within the hour; crisis line number given")));
        WebClient nurse = app.staff("nina", "nurse");
        Matcher visit = Pattern.compile("/desk/visits/(\\d+)").matcher(nurse.get("/desk").body());
        assertTrue(visit.find());
        String view = nurse.get("/desk/visits/" + visit.group(1)).body();
        assertTrue(view.contains("follow up by dan (clinician told: drlee clinician; follow-up: Dr Lee phones her within the hour; crisis line number given)"), view);
        assertTrue(view.contains("Left"), "the visit ended");
    }

    @Test
    void hazard_a_cleared_high_risk_flag_still_needs_a_follow_up_when_the_patient_leaves() {
        long ana = checkIn("Ana", "Rivera", "3", "14", "1985", INTENT);
        WebClient clinician = app.staff("drlee", "clinician");
        Matcher visit = Pattern.compile("/desk/visits/(\\d+)").matcher(clinician.get("/desk").body());
        assertTrue(visit.find());
        Matcher clear = Pattern.compile("/desk/flags/(\\d+)/clear").matcher(clinician.get("/desk/visits/" + visit.group(1)).body());
        assertTrue(clear.find());
        clinician.post("/desk/flags/" + clear.group(1) + "/clear", Map.of("reason", "assessed; safe to proceed with a plan"));
        Map<String, String> cancel = Map.of("reason", "changed her mind", "state", "READY");
        HttpResponse<String> refused = desk.post("/desk/appointments/" + ana + "/cancel", cancel);
        assertEquals(422, refused.statusCode(), "suicide risk was found today: a follow-up is named even after clearing");
        assertTrue(refused.body().contains("Choose the clinician who was told"), refused.body());
    }

    @Test
    void a_patient_without_a_safety_flag_leaves_with_a_reason_alone() {
        long tran = checkIn("Tran", "Nguyen", "1", "9", "1968", Map.of("unwell-today", "LA33-6", "typedName", "Tran Nguyen")); // an info flag only
        assertFalse(desk.get("/desk/appointments/" + tran + "/left").body().contains("followUpClinician"));
        assertEquals("/desk?notice=done", location(desk.post("/desk/appointments/" + tran + "/left",
                Map.of("reason", "went home", "state", "READY"))));
    }

    @Test
    void closing_such_a_visit_as_left_at_the_end_of_the_day_needs_the_follow_up_too() {
        checkIn("Ana", "Rivera", "3", "14", "1985", INTENT);
        WebClient clinician = app.staff("drlee", "clinician");
        Matcher visit = Pattern.compile("/desk/visits/(\\d+)").matcher(desk.get("/desk").body());
        assertTrue(visit.find());
        String id = visit.group(1);
        String page = desk.get("/desk/end-of-day").body();
        assertTrue(page.contains("id=\"followUpClinician-" + id + "\""), page);
        HttpResponse<String> refused = desk.post("/desk/visits/" + id + "/close",
                Map.of("outcome-" + id, "LEFT", "reason-" + id, "gone home"));
        assertEquals(422, refused.statusCode());
        assertTrue(refused.body().contains("Choose the clinician who was told"), refused.body());
        Matcher c = Pattern.compile("name=\"followUpClinician-" + id + "\" value=\"(\\d+)\"").matcher(page);
        assertTrue(c.find());
        assertEquals("/desk/end-of-day", location(desk.post("/desk/visits/" + id + "/close", Map.of("outcome-" + id, "LEFT",
                "reason-" + id, "gone home", "followUpClinician-" + id, c.group(1), "followUpNote-" + id, "Dr Lee calls tonight"))));
        assertTrue(clinician.get("/desk/visits/" + id).body().contains("Dr Lee calls tonight"));
    }
}
