package clinic.kiosk.export;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.db.Database;
import clinic.kiosk.queue.ChairService;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.queue.VisitState;
import clinic.kiosk.queue.Vitals;
import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.FhirCheck;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention: a collected day's details purged after the configured days; what continuity needs stays. */
class RetentionTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T15:00:00Z"));
    private TestServices services;
    private Database db;
    private ExportService exports;
    private Retention retention;
    private VisitService visits;
    private ChairService chairs;
    private Actor nurse;

    private void open(Optional<Integer> collectedAfterDays) throws Exception {
        KioskConfig shipped = ConfigLoader.load(TestApp.shippedConfig());
        KioskConfig.ExportSettings e = shipped.export();
        KioskConfig config = shipped.withExport(new KioskConfig.ExportSettings(e.at(), e.folder(), e.retry(),
                collectedAfterDays, e.purgeAfterDays()));
        services = TestServices.open(clock, config, TestServices.ALL_CLEAR);
        db = services.db;
        visits = services.visits;
        chairs = services.chairs;
        nurse = services.nurse;
        exports = services.exports(config);
        retention = new Retention(db.jdbi(), services.audit, services.time, config.export(), exports::dropFolder);
    }

    @AfterEach
    void close() {
        FhirCheck.assertAllValid(exports.dropFolder()); // every bundle a test wrote is valid FHIR R4
        services.close();
    }

    private long sqlLong(String insert) {
        return db.jdbi().withHandle(h -> h.createUpdate(insert).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    private int count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    /** Ana's infusion on 25 November: a PHQ-9 answer, vitals with a weight, two event notes, two transition reasons. */
    private long anasDay() {
        long patient = sqlLong("""
                INSERT INTO patient (external_id, first_name, last_name, date_of_birth, created_at, updated_at)
                VALUES ('P1', 'Ana', 'Rivera', DATE '1985-03-14', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""");
        long a = sqlLong("INSERT INTO appointment (external_id, patient_id, starts_at, visit_type, status, course_number, course_length, created_at, updated_at) "
                + "VALUES ('A1', " + patient + ", TIMESTAMP WITH TIME ZONE '2026-11-25 10:30:00-05', 'infusion', 'booked', 3, 6, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        long visit = visits.move(a, VisitState.EXPECTED, VisitState.ARRIVED, Actor.system(), null, null).visit().orElseThrow().id();
        long response = sqlLong("INSERT INTO response (visit_id, form_id, form_version, attempt, status, total, band, language, started_at, completed_at) "
                + "VALUES (" + visit + ", 'phq-9', '1', 1, 'completed', 12, 'Moderate', 'en', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        sqlLong("INSERT INTO answer (response_id, link_id, value_system, value_code, value_display, answered_at) "
                + "VALUES (" + response + ", '44250-9', 'http://loinc.org', 'LA6569-3', 'Several days', CURRENT_TIMESTAMP)");
        visits.move(a, VisitState.ARRIVED, VisitState.READY, Actor.system(), null, null);
        chairs.seat(visit, "chair-1", nurse);
        chairs.recordVitals(visit, new Vitals.Reading(120, 80, 70, 98, 14, 0, 0, new BigDecimal("64.5")), nurse);
        chairs.giveMedication(visit, "ketamine", new BigDecimal("0.5"), "KET-2291", "Nina Nurse", nurse);
        chairs.start(visit, nurse);
        chairs.recordEvent(visit, "vomiting", "after juice", nurse);
        chairs.ivNote(visit, "22G left hand, second attempt", nurse);
        chairs.end(visit, "felt unwell", nurse);
        return visit;
    }

    @Test
    void a_collected_day_is_purged_after_90_days_keeping_scores_course_weight_and_consents_with_an_audit_of_counts() throws Exception {
        open(Optional.empty());
        long visit = anasDay();
        clock.set(Instant.parse("2026-11-26T07:31:00Z"));
        assertTrue(exports.exportDay(LocalDate.parse("2026-11-25"), Actor.system()).ok());
        retention.run(Actor.system());
        assertEquals(0, count("SELECT COUNT(*) FROM export_day WHERE collected_at IS NOT NULL"), "still in the drop folder");

        ExportFolder.deleteTree(exports.dropFolder().resolve("2026-11-25")); // the main records took it
        retention.run(Actor.system());
        assertEquals(1, count("SELECT COUNT(*) FROM export_day WHERE collected_at IS NOT NULL"));
        clock.set(Instant.parse("2027-02-22T08:00:00Z")); // 89 days after the day
        retention.run(Actor.system());
        assertEquals(1, count("SELECT COUNT(*) FROM answer"), "not yet");

        clock.set(Instant.parse("2027-02-23T08:00:00Z")); // 90 days
        retention.run(Actor.system());
        assertEquals(0, count("SELECT COUNT(*) FROM answer"), "detailed answers gone");
        assertEquals(0, count("SELECT COUNT(*) FROM vital_sign"), "vitals gone");
        assertEquals(0, count("SELECT COUNT(*) FROM chair_event WHERE note IS NOT NULL"), "free text gone");
        assertEquals(0, count("SELECT COUNT(*) FROM visit_transition WHERE reason IS NOT NULL"));
        assertEquals(1, count("SELECT COUNT(*) FROM response WHERE total = 12 AND band = 'Moderate'"), "scores over time stay");
        assertEquals(1, count("SELECT COUNT(*) FROM appointment WHERE course_number = 3"), "course position stays");
        assertEquals(1, count("SELECT COUNT(*) FROM visit_transition WHERE from_state = 'INFUSING' AND to_state = 'RECOVERING'"),
                "the last infusion's time stays");
        assertEquals(1, count("SELECT COUNT(*) FROM patient_summary WHERE last_weight_kg = 64.5"), "the last weight stays");
        assertEquals(1, count("SELECT COUNT(*) FROM visit WHERE iv_note = '22G left hand, second attempt'"), "the nurse's IV note stays");
        long next = sqlLong("INSERT INTO appointment (external_id, patient_id, starts_at, visit_type, status, created_at, updated_at) "
                + "SELECT 'A2', patient_id, TIMESTAMP WITH TIME ZONE '2027-02-23 10:30:00-05', 'infusion', 'booked', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM appointment WHERE external_id = 'A1'");
        clinic.kiosk.queue.Visit nextVisit = visits.move(next, VisitState.EXPECTED, VisitState.ARRIVED, Actor.system(), null, null).visit().orElseThrow();
        assertEquals("64.5", chairs.sheet(nextVisit).lastWeight().orElseThrow().weightKg().toPlainString(), "shown at the next visit");
        assertEquals("22G left hand, second attempt (nina, 2026-11-25)", chairs.previousIvNote(nextVisit).orElseThrow());
        String audit = db.jdbi().withHandle(h -> h.createQuery("SELECT subject FROM audit_event WHERE action = 'export.purge'")
                .mapTo(String.class).one());
        assertEquals("2026-11-25: 1 answers, 1 vital sign readings, 4 free-text notes deleted", audit);
        assertFalse(audit.contains("Ana") || audit.contains("Rivera"), "no PHI in the audit");
        assertEquals(java.util.List.of(), exports.amend(Actor.system()), "a purged day is never amended");
        assertNull(db.jdbi().withHandle(h -> h.createQuery("SELECT note FROM chair_event WHERE visit_id = " + visit).mapTo(String.class).first()));
    }

    @Test
    void with_collected_after_days_a_day_counts_as_collected_that_long_after_its_export() throws Exception {
        open(Optional.of(7));
        anasDay();
        clock.set(Instant.parse("2026-11-26T07:31:00Z"));
        exports.exportDay(LocalDate.parse("2026-11-25"), Actor.system());
        clock.advance(Duration.ofDays(6));
        retention.run(Actor.system());
        assertEquals(0, count("SELECT COUNT(*) FROM export_day WHERE collected_at IS NOT NULL"));
        clock.advance(Duration.ofDays(1));
        retention.run(Actor.system());
        assertEquals(1, count("SELECT COUNT(*) FROM export_day WHERE collected_at IS NOT NULL"), "7 days after the export");
    }
}
