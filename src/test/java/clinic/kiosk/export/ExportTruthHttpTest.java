package clinic.kiosk.export;

import clinic.kiosk.support.FhirCheck;
import clinic.kiosk.support.Screener;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The export tells the whole truth: what the patient last said and nothing they took back, unfinished forms as
 * unfinished, the C-SSRS risk level with the right code, each consent as what it is, flags with their real status.
 * Each day is exported on request through the running app and every bundle is validated against FHIR R4.
 */
class ExportTruthHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAFETY = "/kiosk/step/form:safety-check";
    private static final String CSSRS = "/kiosk/step/form:cssrs-since-last-visit";
    private static final String PHQ = "/kiosk/step/form:phq-9";
    private TestApp app;
    private WebClient tablet;

    @BeforeEach
    void start() {
        app = TestApp.start();
        app.importSchedule("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n"
                + "C1,PC1,Tran,Nguyen,1968-01-09,2026-11-26T11:00,consult,555-0104\n");
        tablet = app.tablet("Tablet 1");
    }

    @AfterEach
    void stop() {
        assertTrue(FhirCheck.assertAllValid(app.dataDir.resolve("export")) > 0, "a bundle was written and is valid FHIR R4");
        app.close();
    }

    private void anaToForms() {
        assertEquals("/kiosk/step/contact", location(Screener.identify(tablet, "Ana", "Rivera", "3", "14", "1985")));
        assertEquals(SAFETY, location(tablet.post("/kiosk/step/contact", Map.of("phone", "555-0101", "escortName", "Maria",
                "escortPhone", "555-0199", "plan", "stays"))));
    }

    private void answer(String step, String screen, String field, String value) {
        Map<String, String> form = new HashMap<>();
        form.put("screen", screen);
        form.put("q-" + field, value);
        assertEquals(303, tablet.post(step, form).statusCode(), screen);
    }

    /** Exports today through "Export now" and returns the bundle's resources. */
    private List<JsonNode> export() throws Exception {
        assertEquals("/admin/export?notice=ok", location(app.admin().post("/admin/export", Map.of("date", "2026-11-26"))));
        JsonNode bundle = JSON.readTree(app.dataDir.resolve("export/2026-11-26/bundle.json").toFile());
        List<JsonNode> resources = new ArrayList<>();
        bundle.path("entry").forEach(e -> resources.add(e.path("resource")));
        return resources;
    }

    private String csv() throws Exception {
        return Files.readString(app.dataDir.resolve("export/2026-11-26/visits.csv"), StandardCharsets.UTF_8);
    }

    private static List<JsonNode> of(List<JsonNode> resources, String type) {
        return resources.stream().filter(r -> r.path("resourceType").asText().equals(type)).toList();
    }

    private static JsonNode response(List<JsonNode> resources, String questionnaire) {
        return of(resources, "QuestionnaireResponse").stream()
                .filter(r -> r.path("questionnaire").asText().contains(questionnaire)).findFirst().orElseThrow();
    }

    private static List<String> linkIds(JsonNode qr) {
        List<String> links = new ArrayList<>();
        qr.path("item").forEach(i -> links.add(i.path("linkId").asText()));
        return links;
    }

    private static String answerCode(JsonNode qr, String linkId) {
        for (JsonNode item : qr.path("item")) {
            if (item.path("linkId").asText().equals(linkId)) {
                return item.path("answer").get(0).path("valueCoding").path("code").asText();
            }
        }
        return null;
    }

    private static List<JsonNode> observationsCoded(List<JsonNode> resources, String code) {
        return of(resources, "Observation").stream()
                .filter(o -> o.path("code").path("coding").get(0).path("code").asText().equals(code)).toList();
    }

    @Test
    void hazard_an_intent_answer_hidden_by_a_changed_earlier_answer_is_not_exported() throws Exception {
        anaToForms();
        assertEquals(CSSRS, Screener.until(tablet, SAFETY, Map.of(), CSSRS));
        answer(CSSRS, "wish-dead", "wish-dead", "LA33-6");
        answer(CSSRS, "suicidal-thoughts", "suicidal-thoughts", "LA33-6");
        answer(CSSRS, "method", "method", "LA32-8");
        answer(CSSRS, "intent", "intent", "LA33-6");
        tablet.get(CSSRS + "?screen=suicidal-thoughts");
        answer(CSSRS, "suicidal-thoughts", "suicidal-thoughts", "LA32-8"); // Back, and "No": intent is no longer asked
        Screener.finish(tablet, CSSRS, Map.of());
        List<JsonNode> resources = export();
        JsonNode cssrs = response(resources, "cssrs-since-last-visit");
        assertEquals("completed", cssrs.path("status").asText());
        assertEquals("LA32-8", answerCode(cssrs, "suicidal-thoughts"), "what the patient last said");
        assertFalse(linkIds(cssrs).contains("intent"), "the hidden intent answer is not sent: " + linkIds(cssrs));
        assertFalse(linkIds(cssrs).contains("method"));
        // The flag it raised is not gone: it went out as changed and still active, for the clinician to review.
        JsonNode flag = of(resources, "Flag").stream()
                .filter(f -> f.path("code").path("coding").get(0).path("code").asText().equals("cssrs-high")).findFirst().orElseThrow();
        assertEquals("active", flag.path("status").asText());
        assertTrue(flag.toString().contains("\"valueCode\":\"changed\""), flag.toString());
    }

    @Test
    void hazard_an_incomplete_phq9_is_exported_as_incomplete_not_as_a_low_score() throws Exception {
        anaToForms();
        assertEquals(PHQ, Screener.until(tablet, SAFETY, Map.of(), PHQ));
        for (String item : List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7")) {
            answer(PHQ, item, item, "LA6571-9");
        }
        tablet.post("/kiosk/reset", Map.of()); // she stops after five questions
        List<JsonNode> resources = export();
        JsonNode phq = response(resources, "44249-1");
        assertEquals("in-progress", phq.path("status").asText(), "not completed");
        assertEquals(5, linkIds(phq).size());
        assertTrue(observationsCoded(resources, "44261-6").isEmpty(), "no total from 5 of 9 items (it would read 15)");
        assertTrue(csv().contains("phq-9 not finished"), csv());
    }

    @Test
    void hazard_phq9_total_is_exported_from_items_1_to_9_without_the_difficulty_answer() throws Exception {
        anaToForms();
        assertEquals(PHQ, Screener.until(tablet, SAFETY, Map.of(), PHQ));
        for (String item : List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8")) {
            answer(PHQ, item, item, "LA6570-1");
        }
        tablet.post("/kiosk/reset", Map.of()); // she leaves at the optional difficulty question
        List<JsonNode> resources = export();
        List<JsonNode> totals = observationsCoded(resources, "44261-6");
        assertEquals(1, totals.size());
        assertEquals(18, totals.get(0).path("valueInteger").asInt());
        assertEquals("Moderately severe", totals.get(0).path("interpretation").get(0).path("text").asText());
        String qr = totals.get(0).path("derivedFrom").get(0).path("reference").asText();
        assertEquals("in-progress", of(resources, "QuestionnaireResponse").stream()
                .filter(r -> ("urn:uuid:" + r.path("id").asText()).equals(qr)).findFirst().orElseThrow().path("status").asText());
    }

    @Test
    void hazard_the_cssrs_risk_level_is_its_own_observation_with_the_versions_own_code() throws Exception {
        anaToForms();
        assertEquals("/kiosk/done", Screener.finish(tablet, SAFETY, Map.of("wish-dead", "LA33-6", "suicidal-thoughts", "LA33-6",
                "intent", "LA33-6")));
        WebClient other = app.tablet("Tablet 2");
        Screener.identify(other, "Tran", "Nguyen", "1", "9", "1968");
        String at = location(other.post("/kiosk/step/contact", Map.of("phone", "555-0104")));
        Screener.finish(other, at, Map.of("93267-3", "LA33-6", "93269-9", "LA32-8", "typedName", "Tran Nguyen"));
        List<JsonNode> resources = export();

        JsonNode since = observationsCoded(resources, "cssrs-since-last-visit-risk-level").get(0);
        assertEquals("urn:intake-kiosk:screening", since.path("code").path("coding").get(0).path("system").asText(),
                "LOINC has no code for the since-last-visit version: not the recent version's 93374-7");
        assertEquals("LA9193-9", since.path("valueCodeableConcept").path("coding").get(0).path("code").asText());
        assertEquals("High", since.path("valueCodeableConcept").path("text").asText());
        assertEquals("survey", since.path("category").get(0).path("coding").get(0).path("code").asText());
        String derived = since.path("derivedFrom").get(0).path("reference").asText();
        assertEquals(derived, "urn:uuid:" + response(resources, "cssrs-since-last-visit").path("id").asText());

        JsonNode recent = observationsCoded(resources, "93374-7").get(0);
        assertEquals("http://loinc.org", recent.path("code").path("coding").get(0).path("system").asText());
        assertEquals("LA6751-7", recent.path("valueCodeableConcept").path("coding").get(0).path("code").asText(),
                "behaviour longer than 3 months ago: moderate");
        assertTrue(csv().contains("cssrs-since-last-visit risk High") && csv().contains("cssrs-recent risk Moderate"), csv());
    }

    @Test
    void hazard_the_financial_policy_is_not_exported_as_a_treatment_consent() throws Exception {
        anaToForms();
        assertEquals("/kiosk/done", Screener.finish(tablet, SAFETY, Map.of()));
        List<JsonNode> consents = of(export(), "Consent");
        assertEquals(3, consents.size());
        Map<String, JsonNode> byTitle = new HashMap<>();
        consents.forEach(c -> byTitle.put(c.path("category").get(0).path("text").asText(), c));
        JsonNode financial = byTitle.entrySet().stream().filter(e -> e.getKey().toLowerCase().contains("financial"))
                .findFirst().orElseThrow().getValue();
        assertFalse(financial.path("scope").toString().contains("\"treatment\""), financial.toString());
        assertEquals("financial-policy", financial.path("category").get(0).path("coding").get(0).path("code").asText());
        JsonNode privacy = byTitle.entrySet().stream().filter(e -> e.getKey().toLowerCase().contains("privacy"))
                .findFirst().orElseThrow().getValue();
        assertEquals("patient-privacy", privacy.path("scope").path("coding").get(0).path("code").asText());
        assertEquals("npp", privacy.path("category").get(0).path("coding").get(0).path("code").asText());
        JsonNode treatment = byTitle.entrySet().stream().filter(e -> e.getKey().toLowerCase().contains("ketamine"))
                .findFirst().orElseThrow().getValue();
        assertEquals("treatment", treatment.path("scope").path("coding").get(0).path("code").asText());
        assertEquals("59284-0", treatment.path("category").get(0).path("coding").get(0).path("code").asText());
        for (JsonNode c : consents) {
            assertTrue(c.path("policy").get(0).path("uri").asText().startsWith("urn:intake-kiosk:consent:"), c.toString());
        }
    }

    @Test
    void hazard_flags_go_out_with_their_real_status_and_who_decided_when_and_why_and_hold_notes_are_kept() throws Exception {
        anaToForms();
        assertEquals("/kiosk/done", Screener.finish(tablet, SAFETY, Map.of("chest-pain", "LA33-6", "solid-hours", "4")));
        WebClient nurse = app.staff("nina", "nurse");
        Matcher m = Pattern.compile("/desk/visits/(\\d+)").matcher(nurse.get("/desk").body());
        assertTrue(m.find());
        String visit = "/desk/visits/" + m.group(1);
        String page = nurse.get(visit).body();
        Matcher ack = Pattern.compile("/desk/flags/(\\d+)/acknowledge").matcher(page);
        Matcher clear = Pattern.compile("/desk/flags/(\\d+)/clear").matcher(page);
        assertTrue(ack.find() && clear.find(), page);
        nurse.post("/desk/flags/" + ack.group(1) + "/acknowledge", Map.of("reason", "ECG normal"));
        nurse.post("/desk/flags/" + clear.group(1) + "/clear", Map.of("reason", "ate a cracker only, per protocol"));
        assertEquals("/desk?notice=done", location(nurse.post(visit + "/seat", Map.of("place", "chair-1"))));
        nurse.post(visit + "/hold", Map.of("holdReason", "other", "holdNote", "IV could not be placed after three tries"));
        List<JsonNode> resources = export();

        for (JsonNode flag : of(resources, "Flag")) {
            String code = flag.path("code").path("coding").get(0).path("code").asText();
            String json = flag.toString();
            if (code.equals("chest-pain")) {
                assertEquals("active", flag.path("status").asText());
                assertTrue(json.contains("\"valueCode\":\"acknowledged\"") && json.contains("\"valueString\":\"nina\"")
                        && json.contains("\"valueString\":\"ECG normal\""), json);
            } else if (code.equals("fasting-solid")) {
                assertEquals("inactive", flag.path("status").asText());
                assertTrue(flag.path("period").has("end"), "a cleared flag's period ends");
                assertTrue(json.contains("\"valueCode\":\"cleared\"") && json.contains("ate a cracker only, per protocol"), json);
            }
        }
        JsonNode appointment = of(resources, "Appointment").stream()
                .filter(a -> a.path("status").asText().equals("cancelled")).findFirst().orElseThrow();
        assertTrue(appointment.path("cancelationReason").path("text").asText().contains("IV could not be placed after three tries"),
                appointment.toString());
        String csv = csv();
        assertTrue(csv.contains("alert chest-pain acknowledged (acknowledged by nina") && csv.contains("ECG normal"), csv);
        assertTrue(csv.contains("IV could not be placed after three tries"), csv);
    }
}
