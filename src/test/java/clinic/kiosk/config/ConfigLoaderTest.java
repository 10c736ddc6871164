package clinic.kiosk.config;

import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @Test
    void loads_the_shipped_configuration() {
        KioskConfig config = ConfigLoader.load(TestApp.shippedConfig());
        assertEquals(ZoneId.of("America/New_York"), config.clinic().timeZone());
        assertEquals(java.util.Set.of("consult", "infusion", "booster"), config.visitTypes().keySet());
        assertTrue(config.visitType("infusion").orElseThrow().escortRequired());
        assertEquals(KioskConfig.PlaceKind.ROOM, config.visitType("consult").orElseThrow().place());
        assertEquals(4, config.chairs().size());
        assertTrue(config.clinic().hoursOn(DayOfWeek.SUNDAY).isEmpty());
        assertTrue(config.kiosk().requireEnrollment());
        assertEquals(Duration.ofMinutes(15), config.staff().sessionIdle());
        assertEquals(600_000, config.staff().passwordIterations());
        assertEquals(140, config.chairCare().holdSystolic());
        assertEquals(90, config.chairCare().holdDiastolic());
        assertEquals(Duration.ofMinutes(70), config.chairCare().chairTime());
        assertEquals(java.time.LocalTime.of(2, 30), config.export().at());
        assertEquals("export", config.export().folder());
        assertEquals(90, config.export().purgeAfterDays());
    }

    @Test
    void applies_defaults_for_optional_sections() throws IOException {
        KioskConfig config = load("""
                clinic: { name: Small clinic }
                visit_types:
                  consult: { label: Consult, steps: [identify], place: room, duration_minutes: 60 }
                rooms: [ { id: r1, name: Room 1 } ]
                """);
        assertEquals(ZoneId.of("America/New_York"), config.clinic().timeZone());
        assertEquals(Duration.ofSeconds(90), config.kiosk().idleTimeout());
        assertTrue(config.kiosk().requireEnrollment());
        assertFalse(config.kiosk().walkIns());
        assertEquals(Duration.ofHours(12), config.staff().sessionMax());
        assertEquals(Duration.ofSeconds(5), config.schedule().inboxPoll());
        assertEquals(java.util.List.of("nurse", "clinician"), config.chairCare().roles(), "clinical roles only");
        assertEquals(java.util.List.of("clinician"), config.chairCare().overrideRoles());
        assertTrue(config.screening().nurseMayClear().isEmpty(), "without a policy only a clinician decides on flags");
        assertEquals(Duration.ofMinutes(5), config.chairCare().undoWindow());
        assertEquals(Duration.ofMinutes(15), config.export().retry());
        assertTrue(config.export().collectedAfterDays().isEmpty());
        assertEquals(new KioskConfig.CallThresholds(180, 110, 120, 50, 92, 10, -4), config.chairCare().call(),
                "stop and call at the common ketamine protocol's values");
        assertEquals(Duration.ofMinutes(15), config.chairCare().recoveryVitalsEvery());
        assertEquals(Duration.ofMinutes(5), config.chairCare().vitalsLateAfter());
        assertEquals(new KioskConfig.DischargePolicy(Duration.ofMinutes(30), 160, 100, 50, 110, 94, 10, "discharge-instructions"),
                config.discharge());
        assertTrue(config.medications().isEmpty(), "a clinic of rooms records no infusion");
    }

    @Test
    void a_clinic_with_chairs_needs_its_infusion_in_the_medication_record() {
        Path dir = TestApp.configWith(y -> y.replaceAll("(?s)\nmedications:.*?\n(?=# Discharge)", "\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir));
        assertTrue(e.getMessage().contains("medications: a clinic with chairs needs one medication of kind infusion"), e.getMessage());
    }

    @Test
    void the_shipped_medication_record_is_ketamine_per_kg_and_ondansetron() {
        KioskConfig config = ConfigLoader.load(TestApp.shippedConfig());
        KioskConfig.Medication ketamine = config.infusionMedication().orElseThrow();
        assertEquals("ketamine", ketamine.id());
        assertTrue(ketamine.perKg());
        assertEquals(0, new java.math.BigDecimal("0.5").compareTo(ketamine.dose()));
        assertEquals(0, java.math.BigDecimal.ONE.compareTo(ketamine.maxDose()));
        assertEquals(40, ketamine.overMinutes());
        assertEquals("6130", ketamine.code().code(), "RxNorm ketamine");
        assertEquals(KioskConfig.MedicationKind.ADJUNCT, config.medications().get("ondansetron").kind());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown top-level key   | 'clinic:'                            | 'clinc:'                 | clinc: unknown key",
            "bad time zone           | 'America/New_York'                   | 'Mars/Olympus'           | clinic.time_zone: 'Mars/Olympus' is not a time zone",
            "bad opening hours       | '\"08:00-17:00\"'                    | '\"17:00-08:00\"'        | clinic.opening_hours.monday:",
            "unknown step            | 'steps: [identify, contact,'         | 'steps: [identify, phq-10,' | visit_types.consult.steps[1]: unknown step 'phq-10'",
            "identify not first      | 'steps: [identify, contact,'         | 'steps: [contact, identify,' | visit_types.consult.steps: the first step must be identify",
            "unknown form step       | 'form:medical-history'               | 'form:medical-histry'    | visit_types.consult.steps[2]: step 'form:medical-histry' names form 'medical-histry', which is not under forms",
            "bad frequency           | 'frequency: once_per_course'         | 'frequency: weekly'      | forms.medical-history.frequency: 'weekly' is not a frequency",
            "bands must go up        | '{ up_to: 9, label: Mild }'          | '{ up_to: 3, label: Mild }' | forms.phq-9.bands[1].up_to: bands must go up",
            "old clear_roles key     | 'nurse_may_clear:'                   | 'clear_roles:'           | screening.clear_roles: unknown key",
            "bad place               | 'place: room'                        | 'place: garden'          | visit_types.consult.place: 'garden' is not a place",
            "duration out of range   | 'duration_minutes: 90'               | 'duration_minutes: 0'    | visit_types.consult.duration_minutes: must be between 5 and 600",
            "duplicate chair id      | 'id: chair-2,'                       | 'id: chair-1,'           | chairs[1].id: the chair id 'chair-1' is used twice",
            "not a boolean           | 'walk_ins: false'                    | 'walk_ins: sometimes'    | kiosk.walk_ins: expected true or false",
            "typo in a nested key    | 'session_idle_minutes'               | 'session_idle_minute'    | staff.session_idle_minute: unknown key",
            "too few iterations      | 'password_iterations: 600000'        | 'password_iterations: 10' | staff.password_iterations: must be between 1000",
            "bad hold pressure       | 'hold_blood_pressure: 140/90'        | 'hold_blood_pressure: 90/140' | chair_care.hold_blood_pressure: '90/140' is not a blood pressure such as 140/90",
            "unknown chair role      | ' roles: [nurse, clinician]'         | ' roles: [nurse, porter]' | chair_care.roles[1]: 'porter' is not a clinical role (nurse, clinician)",
            "admin works no chair    | ' roles: [nurse, clinician]'         | ' roles: [nurse, admin]' | chair_care.roles[1]: 'admin' is not a clinical role (nurse, clinician)",
            "admin overrides no BP   | 'override_roles: [clinician]'        | 'override_roles: [admin]' | chair_care.override_roles[0]: 'admin' is not a clinical role",
            "vitals never due        | 'vitals_every_minutes: 10'           | 'vitals_every_minutes: 0' | chair_care.vitals_every_minutes: vitals must be due at least every minute",
            "room id is a chair id   | 'id: consult-room'                   | 'id: chair-1'            | rooms: the room id 'chair-1' is also a chair id",
            "bad export time         | 'time: \"02:30\"'                    | 'time: \"2:30 am\"'      | export.time: '2:30 am' is not a time such as 02:30",
            "export retry too long   | 'retry_minutes: 15'                  | 'retry_minutes: 0'       | export.retry_minutes: must be between 1 and 1440",
            "dose above its maximum  | 'max_dose: 1.0'                      | 'max_dose: 0.4'          | medications.ketamine.max_dose: the maximum dose must be at least the usual dose",
            "two infusions           | 'kind: adjunct'                      | 'kind: infusion'         | medications.ondansetron.kind: only one medication can be the infusion",
            "infusion without time   | 'over_minutes: 40'                   | 'over_mins: 40'          | medications.ketamine.over_mins: unknown key",
            "bad medication kind     | 'kind: adjunct'                      | 'kind: pill'             | medications.ondansetron.kind: 'pill' is not infusion or adjunct",
            "sedation off the scale  | 'sedation_at_or_below: -4'           | 'sedation_at_or_below: -6' | chair_care.call_thresholds.sedation_at_or_below: must be between -5 and 4",
            "unknown threshold       | 'spo2_below: 92'                     | 'spo2_under: 92'         | chair_care.call_thresholds.spo2_under: unknown key",
            "sheet answer no form    | '- medical-history/other-allergies'  | '- history/other-allergies' | chair_care.sheet_answers[1]: 'history/other-allergies' is not form/linkId of a form under forms",
            "heart rate limits       | 'heart_rate_to: 110'                 | 'heart_rate_to: 40'      | discharge.limits.heart_rate_to: must be above heart_rate_from",
            "instructions path       | 'instructions: discharge-instructions' | 'instructions: ../secrets' | discharge.instructions: '../secrets' is not a file name without .md",

    })
    void names_the_file_the_key_and_the_problem(String name, String from, String to, String expected) {
        Path dir = TestApp.configWith(yaml -> {
            assertTrue(yaml.contains(from), "the shipped kiosk.yaml should contain " + from);
            return yaml.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        });
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("kiosk.yaml").toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void a_risk_level_code_names_its_code_system() {
        Path dir = TestApp.configWith(yaml -> yaml.replace("code: \"http://loinc.org|93374-7\"", "code: \"93374-7\""));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir));
        assertTrue(e.getMessage().contains("forms.cssrs-recent.risk_level.code: '93374-7' is not system|code"), e.getMessage());
    }

    @Test
    void a_chair_visit_type_needs_chairs() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("""
                clinic: { name: C }
                visit_types:
                  infusion: { label: I, steps: [identify], place: chair, duration_minutes: 60 }
                """));
        assertTrue(e.getMessage().contains("visit_types.infusion.place: visit type 'infusion' uses a chair, but no chairs"), e.getMessage());
    }

    @Test
    void a_missing_file_is_named() {
        Path dir = TestApp.tempDir("empty-config");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir));
        assertTrue(e.getMessage().contains("kiosk.yaml: file not found"), e.getMessage());
    }

    @Test
    void invalid_yaml_is_reported_with_its_line() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("clinic:\n  name: [unclosed\n"));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        assertTrue(e.getMessage().contains("line "), e.getMessage());
    }

    @Test
    void a_missing_required_key_is_named() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("clinic: { name: C }\n"));
        assertTrue(e.getMessage().endsWith("visit_types: is required"), e.getMessage());
    }

    private static KioskConfig load(String yaml) throws IOException {
        Path dir = TestApp.tempDir("config");
        Files.writeString(dir.resolve("kiosk.yaml"), yaml);
        return ConfigLoader.load(dir);
    }
}
