package clinic.kiosk.export;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.db.Database;
import clinic.kiosk.queue.ChairService;
import clinic.kiosk.queue.DischargeCheck;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.queue.VisitState;
import clinic.kiosk.queue.Vitals;
import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.FhirCheck;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.TestServices;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The export on a real database with the shipped configuration (America/New_York, export at 02:30) and a clock
 * the test sets: days and their instants across both DST nights, catch-up, re-export, amendments, failures, CSV.
 */
class ExportServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = MutableClock.standard();
    private TestServices services;
    private Database db;
    private ExportService exports;
    private VisitService visits;
    private ChairService chairs;
    private Actor nurse;

    @BeforeEach
    void open() throws Exception {
        KioskConfig config = ConfigLoader.load(TestApp.shippedConfig());
        services = TestServices.open(clock, config, TestServices.ALL_CLEAR);
        db = services.db;
        visits = services.visits;
        chairs = services.chairs;
        nurse = services.nurse;
        exports = services.exports(config);
    }

    @AfterEach
    void close() {
        FhirCheck.assertAllValid(exports.dropFolder()); // every bundle a test wrote is valid FHIR R4
        services.close();
    }

    /** A booked appointment at an exact instant; returns its id. */
    private long appointment(String externalId, String first, String last, Instant at) {
        return db.jdbi().withHandle(h -> {
            long patient = h.createUpdate("""
                    INSERT INTO patient (external_id, first_name, last_name, date_of_birth, created_at, updated_at)
                    VALUES (:ext, :first, :last, DATE '1980-01-01', :at, :at)
                    """).bind("ext", "P-" + externalId).bind("first", first).bind("last", last).bind("at", at)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return h.createUpdate("""
                    INSERT INTO appointment (external_id, patient_id, starts_at, visit_type, status, created_at, updated_at)
                    VALUES (:ext, :patient, :at, 'infusion', 'booked', :at, :at)
                    """).bind("ext", externalId).bind("patient", patient).bind("at", at)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
    }

    private Path folder(String date) {
        return exports.dropFolder().resolve(date);
    }

    private List<CSVRecord> csv(Path folder) throws IOException {
        String text = Files.readString(folder.resolve("visits.csv"));
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))) {
            return parser.getRecords();
        }
    }

    private List<String> exported(String date) throws IOException {
        return csv(folder(date)).stream().map(r -> r.get("appointment_id")).toList();
    }

    private static JsonNode manifest(Path folder) throws IOException {
        return JSON.readTree(folder.resolve("manifest.json").toFile());
    }

    // Days and their instants

    @Test
    void across_the_spring_forward_night_each_visit_is_in_exactly_one_day_and_missed_days_are_caught_up_in_order() throws IOException {
        // Sunday 8 March 2026: clocks go from 2:00 to 3:00 in New York; the day has 23 hours.
        appointment("S1", "Late", "Saturday", Instant.parse("2026-03-08T04:59:00Z"));   // Saturday 23:59 EST
        appointment("S2", "Just", "Sunday", Instant.parse("2026-03-08T05:00:00Z"));     // 00:00 EST, Sunday
        appointment("S3", "Before", "Jump", Instant.parse("2026-03-08T06:59:00Z"));     // 01:59 EST
        appointment("S4", "After", "Jump", Instant.parse("2026-03-08T07:00:00Z"));      // 03:00 EDT
        appointment("S5", "Late", "Sunday", Instant.parse("2026-03-09T03:59:00Z"));     // 23:59 EDT, Sunday
        appointment("S6", "Early", "Monday", Instant.parse("2026-03-09T04:00:00Z"));    // 00:00 EDT, Monday
        clock.set(Instant.parse("2026-03-10T06:31:00Z")); // Tuesday 02:31 EDT: Saturday to Monday are due
        assertEquals(List.of(LocalDate.parse("2026-03-07"), LocalDate.parse("2026-03-08"), LocalDate.parse("2026-03-09")), exports.due());
        for (LocalDate day : exports.due()) {
            assertTrue(exports.exportDay(day, Actor.system()).ok());
        }
        assertEquals(List.of("S1"), exported("2026-03-07"));
        assertEquals(List.of("S2", "S3", "S4", "S5"), exported("2026-03-08"));
        assertEquals(List.of("S6"), exported("2026-03-09"));
        assertEquals(List.of(), exports.due(), "one export per date");
        List<ExportService.Attempt> runs = new ArrayList<>(exports.recent(10));
        java.util.Collections.reverse(runs);
        assertEquals(List.of("2026-03-07", "2026-03-08", "2026-03-09"), runs.stream().map(a -> a.date().toString()).toList(),
                "caught up in order");
    }

    @Test
    void across_the_fall_back_night_both_half_past_ones_are_in_the_same_25_hour_day() throws IOException {
        // Sunday 1 November 2026: clocks go from 2:00 back to 1:00; 1:30 happens twice; the day has 25 hours.
        appointment("F1", "Late", "Saturday", Instant.parse("2026-11-01T03:59:00Z"));   // Saturday 23:59 EDT
        appointment("F2", "First", "HalfPast", Instant.parse("2026-11-01T05:30:00Z"));  // 01:30 EDT
        appointment("F3", "Second", "HalfPast", Instant.parse("2026-11-01T06:30:00Z")); // 01:30 EST
        appointment("F4", "Late", "Sunday", Instant.parse("2026-11-02T04:59:00Z"));     // Sunday 23:59 EST
        appointment("F5", "Early", "Monday", Instant.parse("2026-11-02T05:00:00Z"));    // Monday 00:00 EST
        clock.set(Instant.parse("2026-11-03T07:31:00Z"));
        for (LocalDate day : exports.due()) {
            assertTrue(exports.exportDay(day, Actor.system()).ok());
        }
        assertEquals(List.of("F1"), exported("2026-10-31"));
        assertEquals(List.of("F2", "F3", "F4"), exported("2026-11-01"));
        assertEquals(List.of("F5"), exported("2026-11-02"));
        List<CSVRecord> sunday = csv(folder("2026-11-01"));
        assertEquals("2026-11-01T01:30:00-04:00", sunday.get(0).get("appointment_at"));
        assertEquals("2026-11-01T01:30:00-05:00", sunday.get(1).get("appointment_at"));
    }

    @Test
    void the_first_export_ever_reaches_back_at_most_30_days() {
        appointment("OLD", "Long", "Ago", Instant.parse("2026-01-05T15:00:00Z"));
        appointment("A1", "Ana", "Rivera", Instant.parse("2026-11-25T15:30:00Z"));
        List<LocalDate> due = exports.due();
        assertEquals(LocalDate.parse("2026-10-27"), due.get(0));
        assertEquals(LocalDate.parse("2026-11-25"), due.get(due.size() - 1));
        assertEquals(30, due.size());
    }

    @Test
    void yesterday_waits_for_the_export_time_and_today_is_never_due() {
        appointment("A1", "Ana", "Rivera", Instant.parse("2026-11-25T15:30:00Z"));
        clock.set(Instant.parse("2026-11-26T07:29:00Z")); // 02:29
        assertEquals(List.of(), exports.due());
        clock.set(Instant.parse("2026-11-26T07:30:00Z")); // 02:30
        assertEquals(List.of(LocalDate.parse("2026-11-25")), exports.due());
    }

    // Re-export and amendments

    @Test
    void a_re_export_is_byte_identical_except_for_the_time_it_was_generated() throws IOException {
        long a = appointment("A1", "Ana", "Rivera", Instant.parse("2026-11-25T15:30:00Z"));
        visits.move(a, VisitState.EXPECTED, VisitState.ARRIVED, Actor.system(), null, null);
        clock.set(Instant.parse("2026-11-26T07:31:00Z"));
        assertTrue(exports.exportDay(LocalDate.parse("2026-11-25"), Actor.system()).ok());
        String bundle = Files.readString(folder("2026-11-25").resolve("bundle.json"));
        byte[] csvBytes = Files.readAllBytes(folder("2026-11-25").resolve("visits.csv"));
        clock.set(Instant.parse("2026-11-26T15:00:00Z"));
        assertTrue(exports.exportDay(LocalDate.parse("2026-11-25"), nurse).ok(), "an export on request replaces the day");
        String again = Files.readString(folder("2026-11-25").resolve("bundle.json"));
        assertNotEquals(bundle, again);
        assertEquals(bundle.replace("2026-11-26T07:31:00Z", "T"), again.replace("2026-11-26T15:00:00Z", "T"));
        assertTrue(java.util.Arrays.equals(csvBytes, Files.readAllBytes(folder("2026-11-25").resolve("visits.csv"))));
        assertEquals("2026-11-26T15:00:00Z", manifest(folder("2026-11-25")).path("generatedAt").asText());
        try (var leftovers = Files.list(exports.dropFolder())) {
            assertEquals(List.of("2026-11-25"), leftovers.map(p -> p.getFileName().toString()).toList(), "no temporary folder left");
        }
    }

    @Test
    void a_discharge_recorded_after_the_export_goes_out_once_as_an_amendment_with_the_same_ids_and_the_next_version() throws IOException {
        long a = appointment("A1", "Ana", "Rivera", Instant.parse("2026-11-25T15:30:00Z"));
        clock.set(Instant.parse("2026-11-25T15:00:00Z"));
        long visit = visits.move(a, VisitState.EXPECTED, VisitState.ARRIVED, Actor.system(), null, null).visit().orElseThrow().id();
        visits.move(a, VisitState.ARRIVED, VisitState.READY, Actor.system(), null, null);
        chairs.seat(visit, "chair-1", nurse);
        chairs.recordVitals(visit, new Vitals.Reading(120, 80, 70, 98, 14, 0, 0, new BigDecimal("64.0")), nurse);
        chairs.giveMedication(visit, "ketamine", new BigDecimal("0.5"), "KET-2291", "Nina Nurse", nurse);
        chairs.start(visit, nurse);
        chairs.end(visit, null, nurse);
        chairs.lounge(visit, nurse); // still waiting for her escort at midnight: open at export time
        clock.set(Instant.parse("2026-11-26T07:31:00Z"));
        assertTrue(exports.exportDay(LocalDate.parse("2026-11-25"), Actor.system()).ok());
        assertEquals("WAITING_FOR_ESCORT", csv(folder("2026-11-25")).get(0).get("state"), "an open visit goes out as it is");
        assertEquals(List.of(), exports.amend(Actor.system()), "nothing changed: no amendment");

        clock.set(Instant.parse("2026-11-26T08:00:00Z"));
        chairs.recordVitals(visit, new Vitals.Reading(118, 76, 68, 98, 14, 0, 0, null), nurse);
        // recorded late, by a clinician: the recovery reading came after midnight
        chairs.discharge(visit, new DischargeCheck.Ticked(true, true, true, true), false, "Luis Rivera",
                "left at 6:40 pm with her husband, recorded the next morning", nurse);
        List<ExportService.Outcome> amended = exports.amend(Actor.system());
        assertEquals(1, amended.size());
        Path amendment = folder("2026-11-25").resolve("amendments").resolve("001");
        assertEquals(amendment, amended.get(0).folder());
        assertEquals("DISCHARGED", csv(amendment).get(0).get("state"));
        String first = Files.readString(folder("2026-11-25").resolve("bundle.json"));
        String second = Files.readString(amendment.resolve("bundle.json"));
        String encounter = FhirMapping.id("Encounter", Long.toString(visit));
        assertTrue(first.contains("\"id\":\"" + encounter + "\",\"meta\":{\"versionId\":\"1\"}"));
        assertTrue(second.contains("\"id\":\"" + encounter + "\",\"meta\":{\"versionId\":\"2\"}"), second);
        assertTrue(second.contains("\"status\":\"finished\""));
        assertEquals(List.of(), FhirCheck.errors(second));
        assertEquals(List.of(), exports.amend(Actor.system()), "exactly once per change");
        assertEquals("2026-11-25", manifest(amendment).path("date").asText());
    }

    @Test
    void an_appointment_added_to_an_exported_day_goes_out_as_an_amendment() throws IOException {
        appointment("A1", "Ana", "Rivera", Instant.parse("2026-11-25T15:30:00Z"));
        clock.set(Instant.parse("2026-11-26T07:31:00Z"));
        exports.exportDay(LocalDate.parse("2026-11-25"), Actor.system());
        appointment("A2", "Walk", "In", Instant.parse("2026-11-25T20:00:00Z"));
        exports.amend(Actor.system());
        assertEquals(List.of("A2"), exported("2026-11-25/amendments/001"));
        appointment("A3", "Another", "One", Instant.parse("2026-11-25T21:00:00Z"));
        exports.amend(Actor.system());
        assertEquals(List.of("A3"), exported("2026-11-25/amendments/002"));
    }

    // Failures

    @Test
    void a_missing_drop_folder_fails_with_its_reason_leaves_nothing_and_succeeds_once_it_is_there() throws IOException {
        appointment("A1", "Ana", "Rivera", Instant.parse("2026-11-25T15:30:00Z"));
        clock.set(Instant.parse("2026-11-26T07:31:00Z"));
        TestApp.deleteTree(exports.dropFolder());
        ExportService.Outcome failed = exports.exportDay(LocalDate.parse("2026-11-25"), Actor.system());
        assertFalse(failed.ok());
        assertTrue(failed.reason().contains("does not exist"), failed.reason());
        assertEquals(1, exports.failures().size());
        assertEquals(LocalDate.parse("2026-11-25"), exports.failures().get(0).date());
        assertEquals(List.of(LocalDate.parse("2026-11-25")), exports.due(), "still due: tried again");
        Files.createDirectories(exports.dropFolder());
        assertTrue(exports.exportDay(LocalDate.parse("2026-11-25"), Actor.system()).ok());
        assertEquals(List.of(), exports.failures(), "the banner clears");
    }

    @Test
    void a_read_only_drop_folder_fails_without_partial_output_and_succeeds_after_the_fix() throws Exception {
        appointment("A1", "Ana", "Rivera", Instant.parse("2026-11-25T15:30:00Z"));
        clock.set(Instant.parse("2026-11-26T07:31:00Z"));
        ReadOnly readOnly = ReadOnly.make(exports.dropFolder());
        try {
            ExportService.Outcome failed = exports.exportDay(LocalDate.parse("2026-11-25"), Actor.system());
            assertFalse(failed.ok());
            assertTrue(failed.reason().contains("read-only") || failed.reason().contains("permission"), failed.reason());
            assertEquals(1, exports.failures().size());
        } finally {
            readOnly.undo();
        }
        try (var inside = Files.list(exports.dropFolder())) {
            assertEquals(0, inside.count(), "no partial folder");
        }
        assertTrue(exports.exportDay(LocalDate.parse("2026-11-25"), Actor.system()).ok());
        assertEquals(List.of(), exports.failures());
    }

    // CSV

    @Test
    void csv_neutralises_formulas_and_names_round_trip() throws IOException {
        Map<String, String[]> names = new TreeMap<>();
        names.put("N1", new String[] {"=HYPERLINK(\"http://x\")", "+1 555 0100"});
        names.put("N2", new String[] {"-2+3", "@SUM(A1)"});
        names.put("N3", new String[] {"Gómez, María \"Mari\"", "O'Brien\nSmith"});
        names.put("N4", new String[] {"Nguyễn Thị", "王 小明"});
        names.put("N5", new String[] {"\tTab", "\rReturn"});
        int i = 0;
        for (Map.Entry<String, String[]> e : names.entrySet()) {
            appointment(e.getKey(), e.getValue()[0], e.getValue()[1], Instant.parse("2026-11-25T15:00:00Z").plusSeconds(60L * i++));
        }
        clock.set(Instant.parse("2026-11-26T07:31:00Z"));
        assertTrue(exports.exportDay(LocalDate.parse("2026-11-25"), Actor.system()).ok());
        List<CSVRecord> rows = csv(folder("2026-11-25"));
        assertEquals("'=HYPERLINK(\"http://x\")", rows.get(0).get("first_name"));
        assertEquals("'+1 555 0100", rows.get(0).get("last_name"));
        assertEquals("'-2+3", rows.get(1).get("first_name"));
        assertEquals("'@SUM(A1)", rows.get(1).get("last_name"));
        assertEquals("Gómez, María \"Mari\"", rows.get(2).get("first_name"));
        assertEquals("O'Brien\nSmith", rows.get(2).get("last_name"));
        assertEquals("Nguyễn Thị", rows.get(3).get("first_name"));
        assertEquals("王 小明", rows.get(3).get("last_name"));
        assertEquals("'\tTab", rows.get(4).get("first_name"));
        assertEquals("'\rReturn", rows.get(4).get("last_name"));
        assertEquals(List.of(), FhirCheck.errors(Files.readString(folder("2026-11-25").resolve("bundle.json"))));
    }
}
