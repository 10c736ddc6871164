package clinic.kiosk.consent;

import clinic.kiosk.support.Screener;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static clinic.kiosk.support.Screener.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Consents at the kiosk and on the visit page, by POSTs, with the shipped consents. */
class ConsentHttpTest {
    private static final String CONSENTS = "/kiosk/step/consents";
    private TestApp app;
    private WebClient tablet;

    @BeforeEach
    void start() {
        app = TestApp.start();
        app.importSchedule("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n"
                + "A2,P1,Ana,Rivera,1985-03-14,2026-11-28T10:30,infusion,555-0101\n");
        tablet = app.tablet("Tablet 1");
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private String toConsents() {
        HttpResponse<String> identified = Screener.identify(tablet, "Ana", "Rivera", "3", "14", "1985");
        String at = location(identified);
        if (at.equals("/kiosk/step/contact")) {
            at = location(tablet.post(at, Map.of("phone", "555-0101", "escortName", "Maria", "escortPhone", "555-0199", "plan", "stays")));
        }
        return Screener.until(tablet, at, Map.of(), CONSENTS);
    }

    private Map<String, String> signing(String consent, boolean agreed, String name, String signature) {
        Map<String, String> form = new HashMap<>();
        form.put("consent", consent);
        if (agreed) {
            form.put("agreed", "yes");
        }
        form.put("typedName", name);
        form.put("signature", signature);
        return form;
    }

    private long visitId() {
        Matcher m = Pattern.compile("/desk/visits/(\\d+)").matcher(app.admin().get("/desk").body());
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    @Test
    void a_patient_signs_each_consent_and_the_desk_sees_the_pdfs() {
        assertEquals(CONSENTS, toConsents());
        String page = tablet.get(CONSENTS).body();
        assertTrue(page.contains("Consent 1 of 3") && page.contains("<h1>Financial policy</h1>"), page);
        assertTrue(page.contains("<label for=\"agreed\">I agree to sign electronically</label>"));
        assertTrue(page.contains("If you would rather sign on paper"));
        assertTrue(page.contains("<label for=\"typedName\">Type your full name</label>"));
        assertTrue(page.contains("/webjars/signature_pad/5.0.4/dist/signature_pad.umd.min.js"));
        assertTrue(page.contains("staff can help you sign on paper"), "the no-JavaScript message");

        HttpResponse<String> refused = tablet.post(CONSENTS, signing("financial-policy", false, "Anna Rivera", ""));
        assertEquals(422, refused.statusCode());
        assertTrue(refused.body().contains("Tick “I agree to sign electronically”"));
        assertTrue(refused.body().contains("Type your full name as it appears on your appointment"));
        assertTrue(refused.body().contains("Sign in the box with your finger"));
        assertEquals(CONSENTS, location(tablet.post(CONSENTS, signing("financial-policy", true, "ana rivera", Screener.signature()))));
        assertTrue(tablet.get(CONSENTS).body().contains("Consent 2 of 3"));
        HttpResponse<String> stale = tablet.post(CONSENTS, signing("financial-policy", true, "Ana Rivera", Screener.signature()));
        assertEquals(422, stale.statusCode(), "the one already signed cannot be signed twice from a stale page");
        String next = location(tablet.post(CONSENTS, signing("ketamine-infusion", true, "Ana Rivera", Screener.signature())));
        next = location(tablet.post(next, signing("privacy-notice", true, "Ana Rivera", Screener.signature())));
        assertEquals("/kiosk/step/form:phq-9", next);

        WebClient desk = app.admin();
        String visit = desk.get("/desk/visits/" + visitId()).body();
        assertTrue(visit.contains("Consent to IV ketamine treatment (version 1)") && visit.contains("Signed at this visit"), visit);
        assertTrue(visit.contains("at the tablet by Ana Rivera"));
        Matcher pdf = Pattern.compile("/desk/consents/(\\d+)/pdf").matcher(visit);
        assertTrue(pdf.find());
        HttpResponse<String> file = desk.get("/desk/consents/" + pdf.group(1) + "/pdf");
        assertEquals(200, file.statusCode());
        assertEquals("application/pdf", file.headers().firstValue("Content-Type").orElse(""));
        assertTrue(file.body().startsWith("%PDF"));
        assertTrue(desk.get("/admin/audit").body().contains("consent.pdf.download"));
        assertTrue(column(desk.get("/desk").body(), "ready").contains("Rivera, Ana"), "consents signed: ready");
    }

    private static String column(String board, String id) {
        int start = board.indexOf("id=\"column-" + id + "\"");
        return board.substring(start, board.indexOf("</section>", start));
    }

    @Test
    void until_the_consents_are_signed_the_visit_is_not_ready() {
        toConsents();
        assertTrue(column(app.admin().get("/desk").body(), "arrived").contains("Rivera, Ana"));
    }

    @Test
    void the_next_visit_of_the_course_skips_the_signed_consents() {
        toConsents();
        Screener.finish(tablet, CONSENTS, Map.of());
        tablet.get("/kiosk/done");
        app.clock.advance(Duration.ofDays(2)); // Nov 28: the next infusion of the course
        String at = toConsents();
        assertFalse(at.equals(CONSENTS), "nothing to sign again: " + at);
    }

    @Test
    void staff_record_paper_consents_and_the_visit_becomes_ready() {
        toConsents();
        WebClient desk = app.admin();
        long visit = visitId();
        String page = desk.get("/desk/visits/" + visit).body();
        assertTrue(page.contains("Record a consent signed on paper"));
        for (String consent : new String[] {"financial-policy", "ketamine-infusion", "privacy-notice"}) {
            Map<String, String> form = new HashMap<>();
            form.put("visit", Long.toString(visit));
            form.put("consent", consent);
            form.put("signedOn", "2026-11-26");
            HttpResponse<String> r = desk.post("/desk/consents/paper", form);
            assertEquals("/desk/visits/" + visit + "?notice=paper", location(r));
        }
        String after = desk.get("/desk/visits/" + visit).body();
        assertTrue(after.contains("on paper, witness Administrator"), after);
        assertFalse(after.contains("Record a consent signed on paper"));
        assertTrue(column(desk.get("/desk").body(), "ready").contains("Rivera, Ana"), "recorded from paper: ready");
        assertEquals("/kiosk/step/form:phq-9", location(tablet.get(CONSENTS)), "the tablet moves on");
    }

    @Test
    void a_voided_consent_is_asked_again() {
        toConsents();
        Screener.until(tablet, CONSENTS, Map.of(), "/kiosk/step/form:phq-9");
        WebClient nurse = app.staff("nina", "nurse");
        long visit = visitId();
        assertTrue(column(nurse.get("/desk").body(), "ready").contains("Rivera, Ana"));
        assertFalse(app.admin().get("/desk/visits/" + visit).body().contains("/void\""), "an admin account voids nothing");
        Matcher v = Pattern.compile("/desk/consents/(\\d+)/void").matcher(nurse.get("/desk/visits/" + visit).body());
        assertTrue(v.find());
        assertEquals(403, app.admin().post("/desk/consents/" + v.group(1) + "/void", Map.of("reason", "x")).statusCode());
        nurse.post("/desk/consents/" + v.group(1) + "/void", Map.of("reason", "signed for the wrong patient"));
        String page = nurse.get("/desk/visits/" + visit).body();
        assertTrue(page.contains("Voided") && page.contains("signed for the wrong patient"), page);
        assertTrue(page.contains("Missing"));
        // The consent gates the chair: the visit is no longer ready until it is signed again.
        String board = nurse.get("/desk").body();
        assertFalse(column(board, "ready").contains("Rivera, Ana"), "not offered a chair without the consent");
        assertTrue(column(board, "arrived").contains("Rivera, Ana"), board);
    }

    @Test
    void hazard_a_paper_consent_for_a_visit_without_a_contact_step_makes_it_ready() {
        app.close();
        // A clinic whose infusions have no contact step: the visit never has a confirmed phone.
        java.nio.file.Path config = TestApp.configWith(y -> y.replace(
                "steps: [identify, contact, form:safety-check, form:cssrs-since-last-visit, consents, form:phq-9, form:gad-7]\n    escort_required: true",
                "steps: [identify, consents]\n    escort_required: false"));
        app = TestApp.start(st -> new clinic.kiosk.app.App.Settings(st.port(), st.dataDir(), config, st.demo(),
                st.requireEnrollment(), st.adminPassword(), st.passwordIterations(), st.clock(), st.console()));
        app.importSchedule("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n");
        WebClient desk = app.staff("dan", "desk");
        Matcher card = Pattern.compile("id=\"card-(\\d+)\" aria-label=\"Rivera, Ana\"").matcher(desk.get("/desk").body());
        assertTrue(card.find());
        assertEquals("/desk/check-in/" + card.group(1) + "/step/consents", location(desk.post("/desk/check-in/" + card.group(1), Map.of())));
        long visit = visitId();
        for (String consent : new String[] {"financial-policy", "ketamine-infusion", "privacy-notice"}) {
            Map<String, String> form = new HashMap<>();
            form.put("visit", Long.toString(visit));
            form.put("consent", consent);
            form.put("signedOn", "2026-11-26");
            assertEquals("/desk/visits/" + visit + "?notice=paper", location(desk.post("/desk/consents/paper", form)));
        }
        assertTrue(column(desk.get("/desk").body(), "ready").contains("Rivera, Ana"),
                "every step that gates the chair is done: ready, not arrived for ever");
    }
}
