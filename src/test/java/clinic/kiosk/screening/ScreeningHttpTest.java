package clinic.kiosk.screening;

import clinic.kiosk.support.Screener;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static clinic.kiosk.support.Screener.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Screening at the kiosk with the shipped forms and rules, by POSTs. The clock stands at 10:00 in New York. */
class ScreeningHttpTest {
    private static final String SAFETY = "/kiosk/step/form:safety-check";
    private static final String CSSRS = "/kiosk/step/form:cssrs-since-last-visit";
    private TestApp app;
    private WebClient tablet;

    @BeforeEach
    void start() {
        app = TestApp.start();
        app.importSchedule("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n");
        tablet = app.tablet("Tablet 1");
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** Identifies Ana and gets through the contact step; returns where the check-in goes next. */
    private String checkInToForms() {
        HttpResponse<String> identified = Screener.identify(tablet, "Ana", "Rivera", "3", "14", "1985");
        assertEquals("/kiosk/step/contact", location(identified));
        return location(tablet.post("/kiosk/step/contact", Map.of("phone", "555-0101", "escortName", "Maria",
                "escortPhone", "555-0199", "plan", "stays")));
    }

    private HttpResponse<String> answer(String step, String screen, String... fieldValues) {
        Map<String, String> form = new HashMap<>();
        form.put("screen", screen);
        for (int i = 0; i < fieldValues.length; i += 2) {
            form.put("q-" + fieldValues[i], fieldValues[i + 1]);
        }
        return tablet.post(step, form);
    }

    private WebClient nurse;
    private WebClient clinician;

    /** A nurse, signed in (created once per test). */
    private WebClient nurse() {
        if (nurse == null) {
            nurse = app.staff("nina", "nurse");
        }
        return nurse;
    }

    /** A clinician (prescriber), signed in (created once per test). */
    private WebClient clinician() {
        if (clinician == null) {
            clinician = app.staff("drlee", "clinician");
        }
        return clinician;
    }

    private String board() {
        return app.admin().get("/desk").body();
    }

    private static String column(String board, String id) {
        int start = board.indexOf("id=\"column-" + id + "\"");
        int end = board.indexOf("</section>", start);
        return board.substring(start, end);
    }

    private long visitId() {
        Matcher m = Pattern.compile("/desk/visits/(\\d+)").matcher(board());
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    @Test
    void the_shipped_forms_run_end_to_end_and_the_visit_is_ready_once_the_gating_forms_are_done() {
        assertEquals(SAFETY, checkInToForms());
        String first = tablet.get(SAFETY).body();
        assertTrue(first.contains("Question 1 of 14"), first);
        assertTrue(first.contains("How many hours ago did you last eat solid food?"));
        String after = Screener.finish(tablet, SAFETY, Map.of());
        assertEquals("/kiosk/done", after);
        assertTrue(tablet.get("/kiosk/done").body().contains("You’re checked in"));
        String ready = column(board(), "ready");
        assertTrue(ready.contains("Rivera, Ana") && !ready.contains("BLOCK"), ready);
        String visit = nurse().get("/desk/visits/" + visitId()).body();
        assertTrue(visit.contains("PHQ-9 quick depression assessment panel · total 0 (Minimal)"), visit);
        assertTrue(visit.contains("Generalized anxiety disorder 7 item (GAD-7) · total 0 (Minimal)"));
        assertTrue(visit.contains("Little interest or pleasure in doing things") && visit.contains("Not at all"));
    }

    @Test
    void ready_comes_after_the_gating_forms_while_phq9_and_gad7_may_wait() {
        checkInToForms();
        String next = Screener.finish(tablet, SAFETY, Map.of());
        assertEquals("/kiosk/done", next);
        // a second patient stops after the C-SSRS: still ready, PHQ-9 left for later
        app.importSchedule("A2,P2,Tran,Nguyen,1968-01-09,2026-11-26T11:00,infusion,\n");
        WebClient other = app.tablet("Tablet 2");
        HttpResponse<String> identified = Screener.identify(other, "Tran", "Nguyen", "1", "9", "1968");
        String at = location(other.post("/kiosk/step/contact", Map.of("phone", "555-0104", "noEscort", "yes")));
        assertEquals(SAFETY, at);
        assertTrue(column(board(), "arrived").contains("Nguyen, Tran"));
    }

    @Test
    void suicidal_intent_blocks_the_visit_and_only_a_clinician_clears_it() {
        String at = checkInToForms();
        at = Screener.finish(tablet, at, Map.of("wish-dead", "LA33-6", "suicidal-thoughts", "LA33-6", "intent", "LA33-6"));
        String done = tablet.get(at).body();
        assertTrue(done.contains("A member of our care team will come to talk with you"), done);
        assertTrue(done.contains("988"));
        assertFalse(done.toLowerCase().contains("risk"), "no scores or flags for the patient");
        String review = column(board(), "review");
        assertTrue(review.contains("Rivera, Ana") && review.contains("BLOCK") && review.contains("Nurse needed now"), review);

        long visit = visitId();
        WebClient desk = app.staff("dan", "desk");
        String deskView = desk.get("/desk/visits/" + visit).body();
        assertTrue(deskView.contains("Nurse needed now"));
        assertFalse(deskView.contains("C-SSRS"), "the desk sees no clinical detail");
        assertFalse(deskView.contains("killing yourself"), "and no answers");
        assertEquals(403, desk.post("/desk/flags/1/clear", Map.of("reason", "x")).statusCode());

        String nurseView = nurse().get("/desk/visits/" + visit).body();
        assertTrue(nurseView.contains("High suicide risk on the C-SSRS"));
        assertTrue(nurseView.contains("Have you had these thoughts and had some intention of acting on them?"));
        assertTrue(nurseView.contains("A clinician (prescriber) must review this flag."), "suicide risk is not a nurse's to clear");
        assertFalse(nurseView.contains("/clear\""), "no clear button for the nurse");
        long flag = flagId(visit, "cssrs-high");
        assertEquals(403, nurse().post("/desk/flags/" + flag + "/clear", Map.of("reason", "x")).statusCode());
        assertEquals(403, app.admin().post("/desk/flags/" + flag + "/clear", Map.of("reason", "x")).statusCode(),
                "an admin account is not a clinical role");
        String clinicianView = clinician().get("/desk/visits/" + visit).body();
        assertTrue(clinicianView.contains("/desk/flags/" + flag + "/clear"), clinicianView);
        assertEquals("/desk/visits/" + visit + "?notice=changed&reason=missing",
                location(clinician().post("/desk/flags/" + flag + "/clear", Map.of("reason", ""))), "a reason is required");
        assertTrue(column(board(), "review").contains("Rivera, Ana"));
        clinician().post("/desk/flags/" + flag + "/clear", Map.of("reason", "Spoke with Ana; safety plan in place"));
        String ready = column(board(), "ready");
        assertTrue(ready.contains("Rivera, Ana"), "cleared: ready");
        String history = nurse().get("/desk/visits/" + visit).body();
        assertTrue(history.contains("cleared by drlee (Spoke with Ana; safety plan in place)"), history);
    }

    @Test
    void an_alert_leaves_the_visit_ready_until_acknowledged() {
        String at = checkInToForms();
        assertEquals("/kiosk/done", Screener.finish(tablet, at, Map.of("chest-pain", "LA33-6")));
        String ready = column(nurse().get("/desk").body(), "ready");
        assertTrue(ready.contains("Rivera, Ana") && ready.contains("ALERT"), ready);
        assertTrue(ready.contains("An alert must be acknowledged before a chair.") && !ready.contains("Seat in"), ready);
        WebClient nurse = nurse();
        long visit = visitId();
        HttpResponse<String> refused = nurse.post("/desk/visits/" + visit + "/seat", Map.of("place", "chair-1"));
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("An alert must be acknowledged by a clinician before a chair is assigned"));
        String view = nurse.get("/desk/visits/" + visit).body();
        Matcher ack = Pattern.compile("/desk/flags/(\\d+)/acknowledge").matcher(view);
        assertTrue(ack.find(), "kiosk.yaml lets a nurse acknowledge chest pain: " + view);
        nurse.post("/desk/flags/" + ack.group(1) + "/acknowledge", Map.of("reason", "ECG done, normal"));
        String after = column(nurse.get("/desk").body(), "ready");
        assertTrue(after.contains("acknowledged") && after.contains("Seat in Chair 1"), after);
        assertEquals("/desk?notice=done", location(nurse.post("/desk/visits/" + visit + "/seat", Map.of("place", "chair-1"))));
        assertTrue(column(board(), "seated").contains("Rivera, Ana"));
    }

    /** The id of the flag whose clinician message contains {@code text}, as the visit page of a clinical role shows it. */
    private long flagWith(long visit, String text) {
        String page = nurse().get("/desk/visits/" + visit).body();
        int at = page.indexOf(text);
        assertTrue(at > 0, "no flag saying " + text + ": " + page);
        Matcher m = Pattern.compile("id=\"flag-(\\d+)\"").matcher(page.substring(0, at));
        long id = -1;
        while (m.find()) {
            id = Long.parseLong(m.group(1));
        }
        return id;
    }

    private long flagId(long visit, String code) {
        return flagWith(visit, switch (code) {
            case "cssrs-high" -> "High suicide risk on the C-SSRS";
            case "pregnant" -> "The patient says they are pregnant or breastfeeding.";
            default -> throw new IllegalArgumentException(code);
        });
    }

    /** The section of the visit page about one flag. */
    private String flagSection(long visit, long flag) {
        String page = nurse().get("/desk/visits/" + visit).body();
        int start = page.indexOf("id=\"flag-" + flag + "\"");
        return page.substring(start, page.indexOf("</section>", start));
    }

    @Test
    void hazard_a_withdrawn_pregnancy_answer_keeps_its_block_open_for_a_clinician() {
        checkInToForms();
        answer(SAFETY, "solid-hours", "solid-hours", "10");
        answer(SAFETY, "liquid-hours", "liquid-hours", "10");
        answer(SAFETY, "escort-today", "escort-today", "LA33-6");
        answer(SAFETY, "pregnant", "pregnant", "LA33-6");
        assertTrue(column(board(), "arrived").contains("BLOCK"), "raised at once");
        String back = tablet.get(SAFETY + "?screen=pregnant").body();
        assertTrue(back.contains("value=\"LA33-6\" checked"), "Back shows this session's answer");
        app.clock.advance(java.time.Duration.ofMinutes(1));
        assertEquals(SAFETY, location(answer(SAFETY, "pregnant", "pregnant", "LA32-8")));
        assertTrue(column(board(), "arrived").contains("BLOCK"), "a withdrawn safety answer is never silent");
        long visit = visitId();
        long flag = flagId(visit, "pregnant");
        String section = flagSection(visit, flag);
        assertTrue(section.contains("answer changed by the patient"), section);
        assertTrue(section.contains("Are you pregnant or breastfeeding?</span>: <strong>Yes</strong> · Nov 26, 2026 10:00 AM · replaced Nov 26, 2026 10:01 AM"), section);
        assertTrue(section.contains("Are you pregnant or breastfeeding?</span>: <strong>No</strong> · Nov 26, 2026 10:01 AM · current"), section);
        assertEquals("/kiosk/done", Screener.finish(tablet, SAFETY, Map.of()));
        assertTrue(column(board(), "review").contains("Rivera, Ana"), "needs review, not ready");
        assertFalse(column(board(), "ready").contains("Rivera, Ana"));
        assertTrue(section.contains("A clinician (prescriber) must review this flag."), "pregnancy is a clinician's to clear");
        clinician().post("/desk/flags/" + flag + "/clear", Map.of("reason", "Not pregnant: tapped Yes by mistake, confirmed with her"));
        assertTrue(column(board(), "ready").contains("Rivera, Ana"), "ready once a clinician reviewed it");
    }

    @Test
    void hazard_a_retracted_intent_answer_keeps_the_high_block_and_the_visit_from_ready() {
        assertEquals(SAFETY, checkInToForms());
        assertEquals(CSSRS, Screener.until(tablet, SAFETY, Map.of(), CSSRS));
        answer(CSSRS, "wish-dead", "wish-dead", "LA33-6");
        answer(CSSRS, "suicidal-thoughts", "suicidal-thoughts", "LA33-6");
        answer(CSSRS, "method", "method", "LA32-8");
        answer(CSSRS, "intent", "intent", "LA33-6");
        assertTrue(column(board(), "arrived").contains("Nurse needed now"), "high risk raised at once");
        // Back to question 2, and "No": the intent question is no longer asked
        assertTrue(tablet.get(CSSRS + "?screen=suicidal-thoughts").body().contains("Have you actually had any thoughts of killing yourself?"));
        answer(CSSRS, "suicidal-thoughts", "suicidal-thoughts", "LA32-8");
        String after = Screener.finish(tablet, CSSRS, Map.of());
        assertTrue(tablet.get(after).body().contains("A member of our care team will come to talk with you"),
                "the patient still sees that someone will come");
        assertTrue(column(board(), "review").contains("Rivera, Ana"), "the block stays: needs review, never ready");
        long visit = visitId();
        long flag = flagId(visit, "cssrs-high");
        String section = flagSection(visit, flag);
        assertTrue(section.contains("answer changed by the patient"), section);
        assertTrue(section.contains("Have you had these thoughts and had some intention of acting on them?</span>: <strong>Yes</strong>")
                && section.contains("replaced"), "the intent answer, with when it was given and when it was replaced");
        assertTrue(section.contains("Have you actually had any thoughts of killing yourself?</span>: <strong>No</strong>"), section);
        String answers = nurse().get("/desk/visits/" + visit).body();
        String cssrs = answers.substring(answers.indexOf("C-SSRS) screener, since last visit"));
        assertFalse(cssrs.substring(0, cssrs.indexOf("</section>")).contains("some intention of acting"),
                "the hidden answer is not shown as current");
    }

    @Test
    void a_flag_nobody_deals_with_escalates_on_the_board() {
        checkInToForms();
        answer(SAFETY, "solid-hours", "solid-hours", "10");
        answer(SAFETY, "liquid-hours", "liquid-hours", "10");
        answer(SAFETY, "escort-today", "escort-today", "LA32-8");
        assertTrue(board().contains("No escort") && !board().contains("ESCALATED"));
        app.clock.advance(java.time.Duration.ofMinutes(11));
        String board = board();
        assertTrue(board.contains("ESCALATED") && board.contains("has-escalated"), "past the configured 10 minutes");
    }

    @Test
    void fasting_not_met_says_when_it_will_be() {
        checkInToForms();
        answer(SAFETY, "solid-hours", "solid-hours", "4");
        String view = nurse().get("/desk/visits/" + visitId()).body();
        assertTrue(view.contains("Ate solid food 4 hours ago. Fasting is met at 12:00 PM."), view);
    }

    @Test
    void tampered_or_incomplete_submissions_are_refused_and_store_nothing() {
        checkInToForms();
        HttpResponse<String> missing = answer(SAFETY, "solid-hours");
        assertEquals(422, missing.statusCode());
        assertTrue(missing.body().contains("Answer this question"));
        HttpResponse<String> range = answer(SAFETY, "solid-hours", "solid-hours", "500");
        assertEquals(422, range.statusCode());
        assertTrue(range.body().contains("Enter a number from 0 to 72"));
        HttpResponse<String> skip = answer(SAFETY, "pregnant", "pregnant", "LA33-6");
        assertEquals(422, skip.statusCode(), "a later screen cannot be answered first");
        assertTrue(skip.body().contains("This page was out of date"));
        assertEquals(CSSRS, Screener.until(tablet, SAFETY, Map.of(), CSSRS));
        // The C-SSRS: question 3 is hidden after "No" to question 2.
        HttpResponse<String> q1 = answer(CSSRS, "wish-dead", "wish-dead", "LA32-8");
        HttpResponse<String> bogus = answer(CSSRS, "suicidal-thoughts", "suicidal-thoughts", "LA99-9");
        assertEquals(422, bogus.statusCode());
        assertTrue(bogus.body().contains("Choose one of the answers shown"));
        assertEquals(CSSRS, location(answer(CSSRS, "suicidal-thoughts", "suicidal-thoughts", "LA32-8")));
        HttpResponse<String> hidden = answer(CSSRS, "method", "method", "LA33-6");
        assertEquals(422, hidden.statusCode(), "a hidden question cannot be answered");
        assertFalse(board().contains("BLOCK"), "nothing was stored from the refused submissions");
        assertEquals(303, q1.statusCode());
    }

    @Test
    void identifying_again_after_a_reset_resumes_without_showing_earlier_answers() {
        checkInToForms();
        answer(SAFETY, "solid-hours", "solid-hours", "10");
        answer(SAFETY, "liquid-hours", "liquid-hours", "7");
        answer(SAFETY, "escort-today", "escort-today", "LA33-6");
        tablet.post("/kiosk/reset", Map.of());
        app.clock.advance(java.time.Duration.ofMinutes(2)); // the next person, a little later
        HttpResponse<String> identified = Screener.identify(tablet, "Ana", "Rivera", "3", "14", "1985");
        assertEquals(SAFETY, location(identified), "contact is done: straight to the form");
        String page = tablet.get(SAFETY).body();
        assertTrue(page.contains("Question 4 of 14"), "resumes at the first unanswered question");
        assertTrue(page.contains("Are you pregnant or breastfeeding?"));
        assertFalse(page.contains("class=\"back\""), "no Back into the earlier session's answers");
        String earlier = tablet.get(SAFETY + "?screen=liquid-hours").body();
        assertFalse(earlier.contains("value=\"7\""), "an earlier answer is never shown");
        assertTrue(earlier.contains("Are you pregnant or breastfeeding?"));
    }

    @Test
    void phq9_item_9_informs_the_nurse() {
        String at = checkInToForms();
        Screener.finish(tablet, at, Map.of("44260-8", "LA6569-3"));
        String view = nurse().get("/desk/visits/" + visitId()).body();
        assertTrue(view.contains("PHQ-9 item 9 is above 0"), view);
        assertTrue(view.contains("total 1 (Minimal)"));
    }

    @Test
    void a_clinician_voids_a_response_and_its_flags_are_withdrawn() {
        String at = checkInToForms();
        Screener.finish(tablet, at, Map.of("stimulant-today", "LA33-6"));
        WebClient nurse = nurse();
        long visit = visitId();
        String view = nurse.get("/desk/visits/" + visit).body();
        assertTrue(view.contains("Took a stimulant today"));
        Matcher v = Pattern.compile("/desk/responses/(\\d+)/void").matcher(view);
        assertTrue(v.find(view.indexOf("Day-of-infusion safety check")));
        nurse.post("/desk/responses/" + v.group(1) + "/void", Map.of("reason", "patient misread the question"));
        String after = nurse.get("/desk/visits/" + visit).body();
        assertTrue(after.contains("Voided") && after.contains("patient misread the question"), after);
        assertTrue(after.contains("withdrawn"));
    }

    @Test
    void a_consult_asks_the_medical_history_and_the_recent_cssrs() {
        app.importSchedule("C1,PC1,Tran,Nguyen,1968-01-09,2026-11-26T11:00,consult,555-0104\n");
        HttpResponse<String> identified = Screener.identify(tablet, "Tran", "Nguyen", "1", "9", "1968");
        String at = location(tablet.post("/kiosk/step/contact", Map.of("phone", "555-0104")));
        assertEquals("/kiosk/step/form:medical-history", at);
        assertTrue(tablet.get(at).body().contains("Have you ever had any of these? Choose all that apply."));
        assertEquals("/kiosk/done", Screener.finish(tablet, at, Map.of("conditions", "glaucoma", "93267-3", "LA33-6", "93269-9", "LA32-8", "typedName", "tran  NGUYEN")));
        String view = nurse().get("/desk/visits/" + visitIdOf("Nguyen, Tran")).body();
        assertTrue(view.contains("Conditions in the consult history that need a clinician"), view);
        assertTrue(view.contains("Moderate suicide risk on the C-SSRS"), "lifetime behaviour, not in the past 3 months");
    }

    @Test
    void the_desk_answers_the_forms_on_the_patients_behalf() {
        WebClient desk = app.admin();
        Matcher card = Pattern.compile("id=\"card-(\\d+)\" aria-label=\"Rivera, Ana\"").matcher(desk.get("/desk").body());
        assertTrue(card.find());
        String at = location(desk.post("/desk/check-in/" + card.group(1), Map.of()));
        assertEquals("/desk/check-in/" + card.group(1) + "/step/contact", at);
        at = location(desk.post(at, Map.of("phone", "555-0101", "escortName", "Maria", "escortPhone", "555-0199", "plan", "stays")));
        assertTrue(desk.get(at).body().contains("Checking in Ana R. on their behalf."));
        String end = Screener.finish(desk, at, Map.of());
        assertTrue(end.startsWith("/desk?notice=checked_in&ticket=K-01"), end);
        assertTrue(column(board(), "ready").contains("Rivera, Ana"));
    }

    private long visitIdOf(String name) {
        String board = board();
        int card = board.indexOf("aria-label=\"" + name + "\"");
        Matcher m = Pattern.compile("/desk/visits/(\\d+)").matcher(board);
        assertTrue(m.find(card));
        return Long.parseLong(m.group(1));
    }
}
