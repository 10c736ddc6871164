package clinic.kiosk.desk;

import clinic.kiosk.support.Screener;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static clinic.kiosk.support.Screener.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the nurse sees at the chair without another click, over a course on the shipped configuration: Ana's consult
 * on Thursday (allergies and medicines answered, PHQ-9 22), her first infusion on Monday (PHQ-9 18) and her second on
 * Wednesday (PHQ-9 9, answered in Spanish). On Wednesday's chair sheet: the intake answers, the emergency contact
 * from the schedule, the baseline vitals, Monday's infusion and dose, and the PHQ-9 over the course with its
 * response; the same response on the visit page and the board's course line; the instructions in Spanish.
 */
class ChairSheetHttpTest {
    private static final List<String> PHQ9 = List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2",
            "44252-5", "44253-3", "44260-8");
    private static final List<String> SCORES = List.of("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9");
    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.start();
        String csv = "appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone,"
                + "course_id,course_number,course_length,emergency_contact_name,emergency_contact_phone\n"
                + "A0,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,consult,555-0101,C1,,,Luis Rivera,555-0142\n"
                + "A1,P1,Ana,Rivera,1985-03-14,2026-11-30T10:30,infusion,555-0101,C1,1,6,Luis Rivera,555-0142\n"
                + "A2,P1,Ana,Rivera,1985-03-14,2026-12-02T10:30,infusion,555-0101,C1,2,6,Luis Rivera,555-0142\n";
        HttpResponse<String> imported = app.admin().upload("/desk/schedule", "file", "schedule.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(303, imported.statusCode(), imported.body());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** PHQ-9 answers with these item scores (0 to 3), the optional difficulty item left unanswered. */
    private static Map<String, String> phq9(int... scores) {
        Map<String, String> answers = new HashMap<>();
        for (int i = 0; i < PHQ9.size(); i++) {
            answers.put(PHQ9.get(i), SCORES.get(scores[i]));
        }
        return answers;
    }

    /** Ana checks in at the tablet and answers everything, with these answers; a Spanish tablet if asked. */
    private void checkIn(Map<String, String> answers, boolean spanish) {
        WebClient tablet = app.tablet("Tablet " + app.clock.instant());
        if (spanish) {
            tablet.get("/kiosk");
            tablet.post("/kiosk/language", Map.of("lang", "es", "back", "/kiosk/identify"));
        }
        assertEquals("/kiosk/step/contact", location(Screener.identify(tablet, "Ana", "Rivera", "3", "14", "1985")));
        String next = location(tablet.post("/kiosk/step/contact", Map.of("phone", "555-0101", "escortName", "Maria Rivera",
                "escortPhone", "555-0199", "plan", "stays")));
        assertEquals("/kiosk/done", Screener.finish(tablet, next, answers));
    }

    private static long visitOf(WebClient staff) {
        Matcher m = Pattern.compile("href=\"/desk/visits/(\\d+)\">Rivera, Ana").matcher(staff.get("/desk").body());
        assertTrue(m.find(), "Ana is not on the board");
        return Long.parseLong(m.group(1));
    }

    private static Map<String, String> vitals(String weight) {
        Map<String, String> form = new HashMap<>(Map.of("systolic", "128", "diastolic", "80", "heartRate", "72",
                "spo2", "98", "respiratoryRate", "14", "sedation", "0", "dissociation", "0", "back", "sheet"));
        form.put("weight", weight == null ? "" : weight);
        return form;
    }

    /** A nurse infuses Ana (0.5 mg/kg from today's weight) and discharges her after the 30 minutes. */
    private WebClient infuse(String weight) {
        WebClient nurse = app.staff("nina", "nurse");
        long visit = visitOf(nurse);
        String v = "/desk/visits/" + visit;
        assertEquals("/desk?notice=done", location(nurse.post(v + "/seat", Map.of("place", "chair-1"))));
        nurse.post(v + "/vitals", vitals(weight));
        assertEquals(v + "/chair", location(nurse.post(v + "/medication", Map.of("medication", "ketamine", "dose", "0.5",
                "lot", "KET-" + weight, "preparedBy", displayName(nurse), "back", "sheet"))));
        assertEquals("/desk?notice=done", location(nurse.post(v + "/start", Map.of())));
        return nurse;
    }

    private static String displayName(WebClient staff) {
        Matcher m = Pattern.compile("Signed in as ([^(<]+) \\(").matcher(staff.get("/desk").body());
        assertTrue(m.find());
        return m.group(1).strip();
    }

    private void endAndDischarge(WebClient nurse) {
        long visit = visitOf(nurse);
        String v = "/desk/visits/" + visit;
        app.clock.advance(Duration.ofMinutes(10));
        nurse.get("/desk");
        nurse.post(v + "/end", Map.of());
        for (int i = 0; i < 3; i++) {
            app.clock.advance(Duration.ofMinutes(10));
            nurse.get("/desk");
        }
        nurse.post(v + "/vitals", vitals(null));
        assertEquals(v + "/chair", location(nurse.postPairs(v + "/discharge", "criteria", "walking", "criteria", "nausea",
                "criteria", "oriented", "criteria", "instructions", "escort", "given", "back", "sheet")));
    }

    @Test
    void the_chair_sheet_shows_the_intake_the_contact_the_course_and_its_response_and_the_instructions_in_spanish() {
        // Thursday: the consult, with allergies and medicines answered.
        Map<String, String> consult = phq9(3, 3, 3, 3, 3, 3, 2, 2, 0);
        consult.put("other-allergies", "Penicillin (rash)");
        consult.put("psychiatric-medicines", "Sertraline 100 mg daily");
        checkIn(consult, false);
        WebClient clinician = app.staff("drlee", "clinician");
        long consultVisit = visitOf(clinician);
        clinician.post("/desk/visits/" + consultVisit + "/seat", Map.of("place", "consult-room"));
        clinician.post("/desk/visits/" + consultVisit + "/discharge", Map.of());

        // Monday: the first infusion at 70.5 kg.
        app.clock.set(Instant.parse("2026-11-30T15:00:00Z"));
        checkIn(phq9(3, 3, 2, 2, 2, 2, 2, 2, 0), false);
        endAndDischarge(infuse("70.5"));

        // Wednesday: the second, in Spanish.
        app.clock.set(Instant.parse("2026-12-02T15:00:00Z"));
        checkIn(phq9(2, 1, 1, 1, 1, 1, 1, 1, 0), true);
        WebClient nurse = app.staff("nora", "nurse");
        long visit = visitOf(nurse);
        String v = "/desk/visits/" + visit;
        clinician = app.staff("drkim", "clinician");
        Matcher alert = Pattern.compile("/desk/flags/(\\d+)/acknowledge").matcher(clinician.get(v).body());
        while (alert.find()) { // two days after the last infusion: "too recent" is for a clinician to acknowledge
            clinician.post("/desk/flags/" + alert.group(1) + "/acknowledge", Map.of("reason", "planned twice-weekly course"));
        }
        assertEquals("/desk?notice=done", location(nurse.post(v + "/seat", Map.of("place", "chair-2"))));
        nurse.post(v + "/vitals", vitals("70.0"));
        String sheet = nurse.get(v + "/chair").body();
        assertTrue(sheet.contains("Any other allergies (medicines, foods, latex)?") && sheet.contains("Penicillin (rash)"), sheet);
        assertTrue(sheet.contains("Sertraline 100 mg daily"), "the psychiatric medicines as answered at the consult");
        assertTrue(sheet.contains("id=\"emergency-contact\">Luis Rivera, 555-0142<"), "from the schedule");
        assertTrue(sheet.contains("128/80, Heart rate 72, SpO2 98%, RR 14, RASS 0, Dissoc. 0, 70.0 kg"), "baseline");
        assertTrue(sheet.contains("2026-11-30 (1 of 6): 0.5 mg/kg = 35.3 mg IV"), "Monday's infusion and dose");
        assertTrue(sheet.contains("id=\"treatment-response\">PHQ-9 22 → 9 (−13, −59 %, response)<"), sheet);
        assertTrue(sheet.contains("<polyline points=\"20,29 150,44 280,77\""), "plotted over the course");
        assertTrue(sheet.contains("PHQ-9 over the course: 2026-11-26: 22, 2026-11-30: 18, 2026-12-02: 9"), "for a screen reader");

        String visitPage = nurse.get(v).body();
        assertTrue(visitPage.contains("PHQ-9 22 → 9 (−13, −59 %, response)"), "the visit page");
        String seated = nurse.get("/desk").body();
        assertTrue(seated.contains("Infusion 2 of 6 · PHQ-9 22 → 9 (−13, −59 %, response)"), "the board's course line");
        assertFalse(app.staff("dan", "desk").get("/desk").body().contains("PHQ-9 22"), "scores are for clinical staff");

        String instructions = nurse.get(v + "/instructions").body();
        assertTrue(instructions.contains("lang=\"es\""), "in the language Ana answered in");
        assertTrue(nurse.get(v + "/instructions?lang=en").body().contains("After your ketamine treatment today"));
        String audit = app.admin().get("/admin/audit").body();
        assertTrue(audit.contains("discharge instructions (es)"), "the print view is audited");
        assertEquals(403, app.staff("dana", "desk").get(v + "/instructions").statusCode(), "a chair page");
    }
}
