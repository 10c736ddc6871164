package clinic.kiosk.screening;

import clinic.kiosk.config.ConfigException;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped forms and flag rules, evaluated without a database: every path that matters, both sides. */
class ScreeningRulesTest {
    static final String YES = "LA33-6";
    static final String NO = "LA32-8";
    private static final ZoneId NY = ZoneId.of("America/New_York");
    private static final Instant TEN_AM = Instant.parse("2026-11-26T15:00:00Z");

    private final KioskConfig config = ConfigLoader.load(TestApp.shippedConfig());
    private final Screening screening = Screening.load(TestApp.shippedConfig(), config);

    /** Answers to forms: "form/linkId" to a code, a number, or several codes separated by "|". */
    private Set<String> flags(Map<String, String> given, boolean noEscort, Optional<Instant> lastInfusion, Instant now) {
        Map<String, Map<String, List<Value>>> byForm = new HashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String[] key = e.getKey().split("/", 2);
            Questionnaire form = screening.form(key[0]);
            Questionnaire.Item item = form.item(key[1]).orElseThrow(() -> new AssertionError("no item " + e.getKey()));
            List<Value> values = new ArrayList<>();
            for (String v : e.getValue().split("\\|")) {
                values.add(ScreeningService.parse(item, v).orElseThrow(() -> new AssertionError("bad value " + v + " for " + e.getKey())));
            }
            byForm.computeIfAbsent(key[0], k -> new HashMap<>()).put(key[1], values);
        }
        Map<String, Answers> forms = new HashMap<>();
        for (String id : screening.forms().keySet()) {
            Map<String, List<Value>> values = byForm.getOrDefault(id, Map.of());
            Map<String, Instant> at = new HashMap<>();
            values.keySet().forEach(k -> at.put(k, now));
            forms.put(id, new Answers(screening.form(id), values, at));
        }
        DateTimeFormatter shown = DateTimeFormatter.ofPattern("MMM d h:mm a", Locale.US).withZone(NY);
        RuleContext context = new RuleContext(forms, noEscort, lastInfusion, now, config.screening().thresholds(), shown::format);
        messages.clear();
        Set<String> codes = new TreeSet<>();
        for (FlagRule rule : screening.rules()) {
            FlagRule.Match m = rule.when().test(context);
            if (m.holds()) {
                codes.add(rule.code());
                messages.put(rule.code(), rule.clinicianMessage(m.values()));
            }
        }
        return codes;
    }

    private final Map<String, String> messages = new HashMap<>();

    private Set<String> flags(Map<String, String> given) {
        return flags(given, false, Optional.empty(), TEN_AM);
    }

    @Test
    void the_shipped_forms_and_rules_load() {
        assertEquals(Set.of("safety-check", "medical-history", "cssrs-recent", "cssrs-since-last-visit", "phq-9", "gad-7"),
                screening.forms().keySet());
        assertEquals(10, screening.form("phq-9").all().stream().filter(Questionnaire.Item::answerable).count(),
                "nine items and the difficulty question");
        assertTrue(screening.rules().size() >= 20);
    }

    @ParameterizedTest(name = "PHQ-9 total {0} is {1}")
    @CsvSource({"0,Minimal", "4,Minimal", "5,Mild", "9,Mild", "10,Moderate", "14,Moderate", "15,Moderately severe",
            "19,Moderately severe", "20,Severe", "27,Severe"})
    void phq9_bands(int total, String band) {
        assertEquals(band, bandOf("phq-9", total));
    }

    @ParameterizedTest(name = "GAD-7 total {0} is {1}")
    @CsvSource({"0,Minimal", "4,Minimal", "5,Mild", "9,Mild", "10,Moderate", "14,Moderate", "15,Severe", "21,Severe"})
    void gad7_bands(int total, String band) {
        assertEquals(band, bandOf("gad-7", total));
    }

    private String bandOf(String form, int total) {
        for (KioskConfig.Band b : config.forms().get(form).bands()) {
            if (total <= b.upTo()) {
                return b.label();
            }
        }
        return "";
    }

    @Test
    void phq9_total_is_the_sum_of_the_nine_items_and_the_difficulty_question_is_not_scored() {
        Questionnaire phq = screening.form("phq-9");
        Map<String, List<Value>> values = new HashMap<>();
        String[] codes = {"LA6571-9", "LA6570-1", "LA6569-3", "LA6568-5", "LA6571-9", "LA6571-9", "LA6568-5", "LA6569-3", "LA6570-1"};
        List<Questionnaire.Item> items = phq.all().stream().filter(Questionnaire.Item::answerable).toList();
        for (int i = 0; i < 9; i++) {
            values.put(items.get(i).linkId(), List.of(ScreeningService.parse(items.get(i), codes[i]).orElseThrow()));
        }
        values.put("69722-7", List.of(ScreeningService.parse(phq.item("69722-7").orElseThrow(), "LA6574-3").orElseThrow()));
        Answers answers = new Answers(phq, values, Map.of());
        assertEquals(Optional.of(3 + 2 + 1 + 0 + 3 + 3 + 0 + 1 + 2), answers.total());
        assertTrue(answers.complete());
    }

    /** The PHQ-9's first {@code n} items answered with {@code code}, nothing else. */
    private Answers phq9(int n, String code) {
        Questionnaire phq = screening.form("phq-9");
        Map<String, List<Value>> values = new HashMap<>();
        List<Questionnaire.Item> items = phq.all().stream().filter(Questionnaire.Item::answerable).toList();
        for (int i = 0; i < n; i++) {
            values.put(items.get(i).linkId(), List.of(ScreeningService.parse(items.get(i), code).orElseThrow()));
        }
        return new Answers(phq, values, Map.of());
    }

    @Test
    void hazard_phq9_total_without_the_optional_difficulty_answer_is_the_sum_of_items_1_to_9() {
        assertEquals(Optional.of(18), phq9(9, "LA6570-1").total(), "the difficulty question is not needed for the total");
    }

    @Test
    void hazard_an_incomplete_phq9_has_no_total_rather_than_a_low_one() {
        assertEquals(Optional.empty(), phq9(5, "LA6571-9").total(), "5 of 9 items is no total (it would read 15)");
        assertEquals(Optional.empty(), phq9(0, "LA6571-9").total());
    }

    @Test
    void hazard_an_answer_hidden_by_a_changed_earlier_answer_is_reported_for_replacement() {
        Questionnaire form = screening.form("cssrs-since-last-visit");
        Answers changed = new Answers(form, Map.of(
                "suicidal-thoughts", List.of(Value.coding("http://loinc.org", NO, "No")),
                "intent", List.of(Value.coding("http://loinc.org", YES, "Yes"))), Map.of());
        assertEquals(List.of("intent"), changed.hiddenButAnswered());
        assertTrue(changed.of("intent").isEmpty());
    }

    /** The risk level of one response, from its own answers: the first configured level whose rule holds. */
    @ParameterizedTest(name = "{0} {1} gives {2}")
    @CsvSource(delimiter = ';', value = {
            "cssrs-since-last-visit; wish-dead=N,suicidal-thoughts=N,behaviour=N; No risk identified",
            "cssrs-since-last-visit; wish-dead=Y,suicidal-thoughts=N,behaviour=N; Low",
            "cssrs-since-last-visit; wish-dead=Y,suicidal-thoughts=Y,method=Y,intent=N,plan=N,behaviour=N; Moderate",
            "cssrs-since-last-visit; wish-dead=Y,suicidal-thoughts=Y,method=N,intent=Y,plan=N,behaviour=N; High",
            "cssrs-recent; 93246-7=N,93247-5=N,93267-3=Y,93269-9=N; Moderate",
            "cssrs-recent; 93246-7=N,93247-5=N,93267-3=Y,93269-9=Y; High",
            "cssrs-recent; 93246-7=N,93247-5=N,93267-3=N; No risk identified",
    })
    void risk_level_of_a_response(String formId, String spec, String level) {
        Questionnaire form = screening.form(formId);
        Map<String, List<Value>> values = new HashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.split("=");
            values.put(kv[0], List.of(Value.coding("http://loinc.org", kv[1].equals("Y") ? YES : NO, kv[1])));
        }
        ScreeningService service = new ScreeningService(null, null,
                new clinic.kiosk.config.ClinicTime(java.time.Clock.fixed(TEN_AM, NY), NY), config, screening, null);
        assertEquals(Optional.of(level), service.riskLevel(formId, new Answers(form, values, Map.of())));
        assertEquals(Optional.empty(), service.riskLevel("phq-9", Answers.none(screening.form("phq-9"))), "no risk level configured");
    }

    /** Every answer path of the C-SSRS screener, both versions, with the tier it must give. */
    @ParameterizedTest(name = "{0}: Q1 {1} Q2 {2} Q3 {3} Q4 {4} Q5 {5} Q6 {6} recent {7} gives {8}")
    @CsvSource({
            // since last visit: Q6 is behaviour since the last visit
            "cssrs-since-last-visit,N,N,,,,N,,none",
            "cssrs-since-last-visit,Y,N,,,,N,,cssrs-low",
            "cssrs-since-last-visit,N,Y,N,N,N,N,,cssrs-low",
            "cssrs-since-last-visit,Y,Y,Y,N,N,N,,cssrs-moderate",
            "cssrs-since-last-visit,Y,Y,N,Y,N,N,,cssrs-high",
            "cssrs-since-last-visit,Y,Y,N,N,Y,N,,cssrs-high",
            "cssrs-since-last-visit,Y,Y,Y,Y,Y,Y,,cssrs-high",
            "cssrs-since-last-visit,N,N,,,,Y,,cssrs-high",
            // recent: Q6 lifetime, then within the past 3 months
            "cssrs-recent,N,N,,,,N,,none",
            "cssrs-recent,Y,N,,,,N,,cssrs-low",
            "cssrs-recent,Y,Y,N,N,N,N,,cssrs-low",
            "cssrs-recent,Y,Y,Y,N,N,N,,cssrs-moderate",
            "cssrs-recent,N,N,,,,Y,N,cssrs-moderate",
            "cssrs-recent,N,N,,,,Y,Y,cssrs-high",
            "cssrs-recent,Y,Y,N,Y,N,N,,cssrs-high",
            "cssrs-recent,Y,Y,N,N,Y,N,,cssrs-high",
            "cssrs-recent,Y,Y,Y,N,N,Y,N,cssrs-moderate",
    })
    void cssrs_risk_level(String form, String q1, String q2, String q3, String q4, String q5, String q6, String recent, String tier) {
        Map<String, String> given = new HashMap<>();
        put(given, q(form, 1), q1);
        put(given, q(form, 2), q2);
        put(given, q(form, 3), q3);
        put(given, q(form, 4), q4);
        put(given, q(form, 5), q5);
        put(given, q(form, 6), q6);
        put(given, q(form, 7), recent);
        Set<String> cssrs = new TreeSet<>(flags(given));
        cssrs.retainAll(Set.of("cssrs-high", "cssrs-moderate", "cssrs-low"));
        assertEquals(tier.equals("none") ? Set.of() : Set.of(tier), cssrs, "exactly one tier, set by the C-SSRS");
    }

    /**
     * The screener's question {@code n} (1 to 7) as "form/linkId": the recent version keeps LOINC's codes as linkIds;
     * the since-last-visit version, which LOINC does not code, has its own (and no question 7).
     */
    private static String q(String form, int n) {
        List<String> links = form.equals("cssrs-recent")
                ? List.of("93246-7", "93247-5", "93248-3", "93249-1", "93250-9", "93267-3", "93269-9")
                : List.of("wish-dead", "suicidal-thoughts", "method", "intent", "plan", "behaviour", "none");
        return form + "/" + links.get(n - 1);
    }

    /**
     * Every answer path of both screeners against an independent statement of the scoring: high for intent, a plan,
     * or behaviour in the screener's window; moderate for a method, or (recent version) behaviour longer ago; low for
     * a wish to be dead or thoughts alone.
     */
    @Test
    void every_cssrs_answer_path_of_both_versions() {
        int paths = 0;
        for (String form : List.of("cssrs-since-last-visit", "cssrs-recent")) {
            boolean recent = form.equals("cssrs-recent");
            for (int bits = 0; bits < 1 << 7; bits++) {
                boolean q1 = (bits & 1) != 0, q2 = (bits & 2) != 0, q3 = (bits & 4) != 0, q4 = (bits & 8) != 0;
                boolean q5 = (bits & 16) != 0, q6 = (bits & 32) != 0, q6b = (bits & 64) != 0;
                if (!q2 && (q3 || q4 || q5)) {
                    continue; // skipped questions: not a path
                }
                if ((!recent || !q6) && q6b) {
                    continue;
                }
                paths++;
                Map<String, String> given = new HashMap<>();
                given.put(q(form, 1), q1 ? YES : NO);
                given.put(q(form, 2), q2 ? YES : NO);
                if (q2) {
                    given.put(q(form, 3), q3 ? YES : NO);
                    given.put(q(form, 4), q4 ? YES : NO);
                    given.put(q(form, 5), q5 ? YES : NO);
                }
                given.put(q(form, 6), q6 ? YES : NO);
                if (recent && q6) {
                    given.put(q(form, 7), q6b ? YES : NO);
                }
                boolean high = q4 || q5 || (recent ? q6 && q6b : q6);
                boolean moderate = !high && (q3 || (recent && q6 && !q6b));
                boolean low = !high && !moderate && (q1 || q2);
                Set<String> expected = high ? Set.of("cssrs-high") : moderate ? Set.of("cssrs-moderate")
                        : low ? Set.of("cssrs-low") : Set.of();
                Set<String> got = new TreeSet<>(flags(given));
                got.retainAll(Set.of("cssrs-high", "cssrs-moderate", "cssrs-low"));
                assertEquals(expected, got, form + " " + given);
            }
        }
        // Q1 (2) x [Q2 no, or Q2 yes with Q3-Q5 (8)] x Q6 (2 since the last visit; no, or yes with recency: 3)
        assertEquals(2 * 9 * 2 + 2 * 9 * 3, paths, "every path of both versions was checked");
    }

    @Test
    void questions_3_to_5_are_asked_only_after_a_yes_to_question_2() {
        Questionnaire form = screening.form("cssrs-recent");
        Answers no = new Answers(form, Map.of("93247-5", List.of(Value.coding("http://loinc.org", NO, "No"))), Map.of());
        assertFalse(no.enabled(form.item("93248-3").orElseThrow()));
        Answers yes = new Answers(form, Map.of("93247-5", List.of(Value.coding("http://loinc.org", YES, "Yes"))), Map.of());
        assertTrue(yes.enabled(form.item("93250-9").orElseThrow()));
        assertFalse(yes.enabled(form.item("93269-9").orElseThrow()), "past 3 months only after a yes to Q6");
        Answers hiddenGiven = new Answers(form, Map.of("93247-5", List.of(Value.coding("http://loinc.org", NO, "No")),
                "93249-1", List.of(Value.coding("http://loinc.org", YES, "Yes"))), Map.of());
        assertTrue(hiddenGiven.of("93249-1").isEmpty(), "an answer to a hidden question does not count");
    }

    private static void put(Map<String, String> given, String key, String yn) {
        if (yn != null && !yn.isBlank()) {
            given.put(key, yn.equals("Y") ? YES : NO);
        }
    }

    /** Each default rule on both sides of what makes it hold. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "pregnant; safety-check/pregnant=LA33-6; safety-check/pregnant=LA32-8",
            "pregnancy-unsure; safety-check/pregnant=LA4489-6; safety-check/pregnant=LA32-8",
            "chest-pain; safety-check/chest-pain=LA33-6; safety-check/chest-pain=LA32-8",
            "bp-medicine-missed; safety-check/bp-medicine-any=LA33-6,safety-check/bp-medicine-taken=LA32-8; safety-check/bp-medicine-any=LA33-6,safety-check/bp-medicine-taken=LA33-6",
            "alcohol-drugs; safety-check/alcohol-drugs=LA33-6; safety-check/alcohol-drugs=LA32-8",
            "stimulant-today; safety-check/stimulant-today=LA33-6; safety-check/stimulant-today=LA32-8",
            "medicines-changed; safety-check/new-medicines=LA33-6; safety-check/new-medicines=LA32-8",
            "problems-since-last; safety-check/problems=headache|flashbacks; safety-check/unwell-today=LA32-8",
            "psychosis-now; safety-check/psychotic-now=LA33-6; safety-check/psychotic-now=LA32-8",
            "unwell-today; safety-check/unwell-today=LA33-6; safety-check/unwell-today=LA32-8",
            "nurse-note; safety-check/nurse-note=please call my sister; safety-check/unwell-today=LA32-8",
            "no-escort; safety-check/escort-today=LA32-8; safety-check/escort-today=LA33-6",
            "fasting-solid; safety-check/solid-hours=5; safety-check/solid-hours=6",
            "fasting-liquid; safety-check/liquid-hours=1; safety-check/liquid-hours=2",
            "benzo-lamotrigine-recent; safety-check/takes-benzo-lamotrigine=LA33-6,safety-check/benzo-lamotrigine-hours=11; safety-check/takes-benzo-lamotrigine=LA33-6,safety-check/benzo-lamotrigine-hours=12",
            "ketamine-allergy; medical-history/ketamine-allergy=LA33-6; medical-history/ketamine-allergy=LA32-8",
            "brain-vascular; medical-history/conditions=aneurysm; medical-history/conditions=glaucoma",
            "history-conditions; medical-history/conditions=glaucoma|thyroid; medical-history/conditions=aneurysm",
            "history-medicines; medical-history/medicines=maoi; medical-history/ketamine-allergy=LA32-8",
            "phq9-item9; phq-9/44260-8=LA6569-3; phq-9/44260-8=LA6568-5",
    })
    void each_default_rule_holds_on_one_side_only(String code, String holds, String not) {
        assertTrue(flags(parse(holds)).contains(code), code + " with " + holds);
        assertFalse(flags(parse(not)).contains(code), code + " with " + not);
    }

    private static Map<String, String> parse(String spec) {
        Map<String, String> given = new HashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split("=", 2);
            given.put(kv[0], kv[1]);
        }
        return given;
    }

    @Test
    void a_patient_on_no_blood_pressure_medicine_is_not_flagged() {
        assertFalse(flags(Map.of("safety-check/bp-medicine-any", NO)).contains("bp-medicine-missed"));
        // even an answer left from before the patient said "none" does not count: the question is not asked
        assertFalse(flags(Map.of("safety-check/bp-medicine-any", NO, "safety-check/bp-medicine-taken", NO))
                .contains("bp-medicine-missed"));
        Questionnaire safety = screening.form("safety-check");
        Answers none = new Answers(safety, Map.of("bp-medicine-any", List.of(Value.coding("http://loinc.org", NO, "No"))), Map.of());
        assertFalse(none.enabled(safety.item("bp-medicine-taken").orElseThrow()), "not asked of a patient on none");
    }

    /** Every garbled clinician message rewritten: one plain sentence or two, no stray fragments, filled placeholders. */
    @Test
    void every_clinician_message_reads_as_plain_sentences() {
        for (FlagRule rule : screening.rules()) {
            String m = rule.clinicianMessage(Map.of("hours", "3", "meets_at", "1:00 PM"));
            assertTrue(m.endsWith("."), rule.code() + " ends a sentence: " + m);
            assertFalse(m.contains("{") || m.contains(" h ago") || m.contains("policy:") || m.contains(";"),
                    rule.code() + " reads plainly: " + m);
            assertTrue(Character.isUpperCase(m.charAt(0)), rule.code() + " starts a sentence: " + m);
            assertTrue(m.length() <= 160, rule.code() + " reads in two seconds: " + m);
        }
    }

    @Test
    void a_hidden_dose_question_raises_nothing() {
        assertFalse(flags(Map.of("safety-check/takes-benzo-lamotrigine", NO, "safety-check/benzo-lamotrigine-hours", "2"))
                .contains("benzo-lamotrigine-recent"));
    }

    @Test
    void no_escort_from_the_contact_step_blocks() {
        assertTrue(flags(Map.of(), true, Optional.empty(), TEN_AM).contains("no-escort"));
        assertFalse(flags(Map.of(), false, Optional.empty(), TEN_AM).contains("no-escort"));
    }

    @Test
    void the_last_infusion_less_than_48_hours_ago_alerts() {
        assertTrue(flags(Map.of(), false, Optional.of(TEN_AM.minusSeconds(47 * 3600)), TEN_AM).contains("last-infusion-recent"));
        assertFalse(flags(Map.of(), false, Optional.of(TEN_AM.minusSeconds(48 * 3600)), TEN_AM).contains("last-infusion-recent"));
        assertFalse(flags(Map.of(), false, Optional.empty(), TEN_AM).contains("last-infusion-recent"));
    }

    @Test
    void fasting_says_when_it_will_be_met_even_across_midnight() {
        flags(Map.of("safety-check/solid-hours", "3"));
        assertEquals("Ate solid food 3 hours ago. Fasting is met at Nov 26 1:00 PM.", messages.get("fasting-solid"));
        Instant halfPastEleven = LocalDateTime.of(2026, 11, 26, 23, 30).atZone(NY).toInstant();
        flags(Map.of("safety-check/solid-hours", "2"), false, Optional.empty(), halfPastEleven);
        assertEquals("Ate solid food 2 hours ago. Fasting is met at Nov 27 3:30 AM.", messages.get("fasting-solid"));
    }

    @Test
    void the_dose_interval_is_measured_from_when_the_patient_answered() {
        flags(Map.of("safety-check/takes-benzo-lamotrigine", YES, "safety-check/benzo-lamotrigine-hours", "4"));
        assertTrue(messages.get("benzo-lamotrigine-recent").contains("4 hours ago"));
        assertTrue(messages.get("benzo-lamotrigine-recent").contains("Nov 26 6:00 PM"));
    }

    // The form subset: enableWhen operators and what is refused at start-up

    private static Questionnaire form(String items) throws IOException {
        Path dir = TestApp.tempDir("form");
        Path file = dir.resolve("f.json");
        Files.writeString(file, "{\"resourceType\":\"Questionnaire\",\"id\":\"f\",\"item\":[" + items + "]}");
        return QuestionnaireParser.parse(file);
    }

    private static final String NUMBER = "{\"linkId\":\"n\",\"text\":\"N\",\"type\":\"integer\"}";
    private static final String CHOICE = "{\"linkId\":\"c\",\"text\":\"C\",\"type\":\"choice\",\"answerOption\":["
            + "{\"valueCoding\":{\"code\":\"a\"}},{\"valueCoding\":{\"code\":\"b\"}}]}";

    private static boolean shown(String operator, String answer, Map<String, List<Value>> values) throws IOException {
        Questionnaire q = form(NUMBER + "," + CHOICE + ",{\"linkId\":\"t\",\"text\":\"T\",\"type\":\"string\",\"enableWhen\":["
                + "{\"question\":\"" + (answer.startsWith("{") ? "c" : "n") + "\",\"operator\":\"" + operator + "\","
                + (operator.equals("exists") ? "\"answerBoolean\":" + answer : answer.startsWith("{") ? "\"answerCoding\":" + answer : "\"answerInteger\":" + answer)
                + "}]}");
        return new Answers(q, values, Map.of()).enabled(q.item("t").orElseThrow());
    }

    @Test
    void every_enable_when_operator() throws IOException {
        Map<String, List<Value>> five = Map.of("n", List.of(Value.of(BigDecimal.valueOf(5))), "c", List.of(Value.coding(null, "a", "a")));
        assertTrue(shown("=", "5", five));
        assertFalse(shown("=", "4", five));
        assertTrue(shown("!=", "4", five));
        assertFalse(shown("!=", "5", five));
        assertTrue(shown(">", "4", five));
        assertFalse(shown(">", "5", five));
        assertTrue(shown("<", "6", five));
        assertFalse(shown("<", "5", five));
        assertTrue(shown(">=", "5", five));
        assertFalse(shown(">=", "6", five));
        assertTrue(shown("<=", "5", five));
        assertFalse(shown("<=", "4", five));
        assertTrue(shown("exists", "true", five));
        assertFalse(shown("exists", "true", Map.of()));
        assertTrue(shown("exists", "false", Map.of()));
        assertTrue(shown("=", "{\"code\":\"a\"}", five));
        assertFalse(shown("=", "{\"code\":\"b\"}", five));
        assertTrue(shown("!=", "{\"code\":\"b\"}", five));
        assertFalse(shown("=", "5", Map.of()), "no answer: not shown");
    }

    @Test
    void enable_behavior_any_and_all() throws IOException {
        String both = "[{\"question\":\"n\",\"operator\":\">\",\"answerInteger\":3},{\"question\":\"c\",\"operator\":\"=\",\"answerCoding\":{\"code\":\"b\"}}]";
        Map<String, List<Value>> values = Map.of("n", List.of(Value.of(BigDecimal.TEN)), "c", List.of(Value.coding(null, "a", "a")));
        Questionnaire any = form(NUMBER + "," + CHOICE + ",{\"linkId\":\"t\",\"text\":\"T\",\"type\":\"string\",\"enableBehavior\":\"any\",\"enableWhen\":" + both + "}");
        Questionnaire all = form(NUMBER + "," + CHOICE + ",{\"linkId\":\"t\",\"text\":\"T\",\"type\":\"string\",\"enableBehavior\":\"all\",\"enableWhen\":" + both + "}");
        assertTrue(new Answers(any, values, Map.of()).enabled(any.item("t").orElseThrow()));
        assertFalse(new Answers(all, values, Map.of()).enabled(all.item("t").orElseThrow()));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"linkId\":\"x\",\"text\":\"X\",\"type\":\"attachment\"}|item[x].type: 'attachment' is not supported",
            "{\"linkId\":\"x\",\"text\":\"X\",\"type\":\"string\",\"readOnly\":true}|item[x].readOnly: is not supported",
            "{\"linkId\":\"x\",\"text\":\"X\",\"type\":\"string\",\"enableWhen\":[{\"question\":\"zz\",\"operator\":\"exists\",\"answerBoolean\":true}]}|item[x].enableWhen: names unknown question 'zz'",
            "{\"linkId\":\"x\",\"text\":\"X\",\"type\":\"choice\"}|item[x].answerOption: a choice item needs answer options",
            "{\"linkId\":\"x\",\"text\":\"X\",\"type\":\"string\",\"enableWhen\":[{\"question\":\"x\",\"operator\":\"~\",\"answerBoolean\":true}]}|operator '~' is not supported",
    })
    void unsupported_forms_are_refused_with_the_file_and_item_named(String item, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> form(item));
        assertTrue(e.getMessage().contains("f.json: ") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void an_enable_when_naming_an_unknown_answer_code_is_refused() {
        ConfigException e = assertThrows(ConfigException.class, () -> form(CHOICE
                + ",{\"linkId\":\"x\",\"text\":\"X\",\"type\":\"string\",\"enableWhen\":[{\"question\":\"c\",\"operator\":\"=\",\"answerCoding\":{\"code\":\"zz\"}}]}"));
        assertTrue(e.getMessage().contains("item[x].enableWhen: names answer code 'zz', which 'c' does not offer"), e.getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "answer: \"safety-check/nope = LA33-6\"|names unknown question 'nope' of form safety-check",
            "answer: \"safety-check/pregnant = LA99-9\"|names answer code 'LA99-9', which 'pregnant' does not offer",
            "answer: \"nosuchform/x = 1\"|names unknown form 'nosuchform'",
            "hours_below: { answer: safety-check/solid-hours, threshold: nap_hours }|unknown threshold 'nap_hours'",
            "rule: not-a-rule|names unknown rule 'not-a-rule'",
    })
    void rules_naming_unknown_things_stop_start_up(String when, String expected) throws IOException {
        Path dir = TestApp.configWith(y -> y);
        Files.writeString(dir.resolve("flags.yaml"), "rules:\n  - code: x\n    tier: alert\n    clinician: c\n    desk: d\n    when:\n      " + when + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Screening.load(dir, config));
        assertTrue(e.getMessage().contains("flags.yaml: ") && e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = ';', value = {
            "- no-escort                          # the nurse confirms the escort;- no-escorts;screening.nurse_may_clear: names unknown flag rule 'no-escorts'",
            "- no-escort                          # the nurse confirms the escort;- cssrs-low;screening.nurse_may_clear: 'cssrs-low' is an info flag",
            "- { rule: cssrs-low, answer: \"http://loinc.org|LA9194-7\", label: Low };- { rule: cssrs-lo, label: Low };forms.cssrs-recent.risk_level.levels: names unknown flag rule 'cssrs-lo'",
            "- medical-history/other-allergies;- medical-history/other-allergie;chair_care.sheet_answers: 'medical-history/other-allergie' names no question of form medical-history",
    })
    void the_clear_policy_and_risk_levels_name_real_rules(String from, String to, String expected) {
        Path dir = TestApp.configWith(y -> {
            assertTrue(y.contains(from), from);
            return y.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        });
        KioskConfig edited = ConfigLoader.load(dir);
        ConfigException e = assertThrows(ConfigException.class, () -> Screening.load(dir, edited));
        assertTrue(e.getMessage().contains("kiosk.yaml: " + expected.split(":")[0]) && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void the_shipped_policy_keeps_suicide_risk_and_pregnancy_for_a_clinician() {
        List<String> nurse = config.screening().nurseMayClear();
        for (String clinicianOnly : List.of("cssrs-high", "cssrs-moderate", "pregnant", "pregnancy-unsure", "psychosis-now",
                "ketamine-allergy", "brain-vascular")) {
            assertFalse(nurse.contains(clinicianOnly), clinicianOnly + " needs a clinician");
        }
        assertTrue(nurse.contains("no-escort") && nurse.contains("fasting-solid"), "a nurse may clear what a nurse checks");
        assertTrue(screening.rule("cssrs-high").orElseThrow().highRisk(), "suicide risk: no leaving without a follow-up");
    }
}
