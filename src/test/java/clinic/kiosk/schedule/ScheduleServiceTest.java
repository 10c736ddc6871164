package clinic.kiosk.schedule;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.db.Database;
import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleServiceTest {
    private static final String HEADER = ScheduleFileTest.HEADER.replace("\n", ",status\n");
    private final MutableClock clock = MutableClock.standard();
    private Database db;
    private ScheduleService schedule;

    @BeforeEach
    void open() {
        db = Database.open(TestApp.tempDir("schedule"), clock);
        schedule = new ScheduleService(db.jdbi(), new AuditLog(db.jdbi(), clock), new ClinicTime(clock, java.time.ZoneId.of("America/New_York")),
                ConfigLoader.load(TestApp.shippedConfig()), () -> { });
    }

    @AfterEach
    void close() {
        db.close();
    }

    private ScheduleService.Outcome importCsv(String rows) {
        return schedule.importFile("today.csv", (HEADER + rows).getBytes(StandardCharsets.UTF_8),
                ScheduleService.Source.UPLOAD, Actor.staff(1, "desk1"), "127.0.0.1");
    }

    private List<DayAppointment> today() {
        return schedule.day(LocalDate.of(2026, 11, 26), Actor.staff(1, "desk1"), "127.0.0.1");
    }

    private int count(String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    @Test
    void importing_the_same_file_twice_changes_nothing() {
        String rows = "A1,P1,Ana,Rivera,1985-03-14,2026-11-26T09:30,infusion,555-0101,booked\n"
                + "A2,P2,Tran,Nguyen,1968-01-09,2026-11-26T10:15,consult,,booked\n";
        ImportRecord first = importCsv(rows).imported().orElseThrow();
        assertEquals(2, first.created());
        Instant updatedAt = db.jdbi().withHandle(h -> h.createQuery("SELECT MAX(updated_at) FROM appointment").mapTo(Instant.class).one());

        clock.advance(Duration.ofMinutes(5));
        ImportRecord second = importCsv(rows).imported().orElseThrow();
        assertEquals(0, second.created());
        assertEquals(0, second.updated());
        assertEquals(2, second.unchanged());
        assertEquals(2, count("appointment"));
        assertEquals(2, count("patient"));
        Instant after = db.jdbi().withHandle(h -> h.createQuery("SELECT MAX(updated_at) FROM appointment").mapTo(Instant.class).one());
        assertEquals(updatedAt, after, "an unchanged row is not written");
    }

    @Test
    void a_changed_row_updates_its_appointment_and_cancelled_cancels_it() {
        importCsv("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T09:30,infusion,555-0101,booked\n"
                + "A2,P2,Tran,Nguyen,1968-01-09,2026-11-26T10:15,consult,,booked\n");
        ImportRecord r = importCsv("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T11:00,infusion,555-0101,booked\n"
                + "A2,P2,Tran,Nguyen,1968-01-09,2026-11-26T10:15,consult,,cancelled\n").imported().orElseThrow();
        assertEquals(1, r.updated());
        assertEquals(1, r.cancelled());
        List<DayAppointment> day = today();
        assertEquals(2, day.size(), "a cancelled appointment is still listed, marked");
        DayAppointment a1 = day.stream().filter(a -> a.externalId().equals("A1")).findFirst().orElseThrow();
        assertEquals(Instant.parse("2026-11-26T16:00:00Z"), a1.startsAt());
        assertEquals("cancelled", day.stream().filter(a -> a.externalId().equals("A2")).findFirst().orElseThrow().status());
    }

    @Test
    void one_patient_across_visits_and_the_newest_details_win() {
        importCsv("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T09:30,infusion,555-0101,booked\n"
                + "A2,P1,Ana,Rivera,1985-03-14,2026-11-28T09:30,infusion,555-0101,booked\n");
        assertEquals(1, count("patient"));
        importCsv("A3,P1,Ana,Rivera-Soto,1985-03-14,2026-12-01T09:30,infusion,,booked\n");
        assertEquals(1, count("patient"));
        String phone = db.jdbi().withHandle(h -> h.createQuery("SELECT last_name || ' ' || phone FROM patient").mapTo(String.class).one());
        assertEquals("Rivera-Soto 555-0101", phone, "a file without a phone keeps the one on file");
    }

    @Test
    void a_bad_file_stores_nothing() {
        ScheduleService.Outcome o = importCsv("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T09:30,infusion,555-0101,booked\n"
                + "A2,P2,Tran,Nguyen,1968-02-30,2026-11-26T10:15,consult,,booked\n");
        assertFalse(o.accepted());
        assertEquals(List.of("line 3: date_of_birth 1968-02-30 is not a real date (YYYY-MM-DD)"), o.errors());
        assertEquals(0, count("appointment"));
        assertEquals(0, count("patient"));
        assertEquals(0, count("schedule_import"));
    }

    @Test
    void a_day_is_local_midnight_to_midnight_even_when_it_has_25_hours() {
        importCsv("A1,P1,Ana,Rivera,1985-03-14,2026-11-01T00:00,infusion,,booked\n"
                + "A2,P2,Tran,Nguyen,1968-01-09,2026-11-01T23:59,infusion,,booked\n"
                + "A3,P3,Max,Bell,1970-01-01,2026-11-02T00:00,infusion,,booked\n"
                + "A4,P4,Eva,Stone,1990-05-05,2026-10-31T23:59,infusion,,booked\n");
        List<DayAppointment> day = schedule.day(LocalDate.of(2026, 11, 1), Actor.system(), null);
        assertEquals(List.of("A1", "A2"), day.stream().map(DayAppointment::externalId).toList());
    }

    @Test
    void imports_and_views_are_audited() {
        importCsv("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T09:30,infusion,555-0101,booked\n");
        today();
        List<String> actions = db.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_event ORDER BY seq").mapTo(String.class).list());
        assertEquals(List.of("schedule.import", "schedule.view"), actions);
    }

    @Test
    void the_demo_schedule_is_today_marked_and_idempotent() {
        DemoSchedule.load(schedule, ConfigLoader.load(TestApp.shippedConfig()), new ClinicTime(clock, java.time.ZoneId.of("America/New_York")));
        ImportRecord again = DemoSchedule.load(schedule, ConfigLoader.load(TestApp.shippedConfig()), new ClinicTime(clock, java.time.ZoneId.of("America/New_York")));
        assertEquals(0, again.created());
        List<DayAppointment> day = today();
        assertFalse(day.isEmpty());
        assertTrue(day.stream().allMatch(DayAppointment::demo));
    }
}
