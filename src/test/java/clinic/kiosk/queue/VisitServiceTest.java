package clinic.kiosk.queue;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.db.Database;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.Race;
import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VisitServiceTest {
    private static final int ROUNDS = 40;
    private final MutableClock clock = MutableClock.standard();
    private final AtomicInteger events = new AtomicInteger();
    private Database db;
    private VisitService visits;

    @BeforeEach
    void open() {
        db = Database.open(TestApp.tempDir("visits"), clock);
        ClinicTime time = new ClinicTime(clock, ZoneId.of("America/New_York"));
        AuditLog audit = new AuditLog(db.jdbi(), clock);
        ScheduleService schedule = new ScheduleService(db.jdbi(), audit, time, ConfigLoader.load(TestApp.shippedConfig()), () -> { });
        StringBuilder csv = new StringBuilder("appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone\n");
        for (int i = 1; i <= ROUNDS; i++) {
            csv.append("A").append(i).append(",P").append(i).append(",Pat,Number").append(i).append(",1980-01-01,2026-11-26T10:00,infusion,\n");
        }
        assertTrue(schedule.importFile("day.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                ScheduleService.Source.UPLOAD, Actor.system(), null).accepted());
        QueueEvents bus = new QueueEvents();
        bus.subscribe(what -> events.incrementAndGet());
        visits = new VisitService(db.jdbi(), audit, time, bus, VisitService.Safety.NONE);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<Long> appointments() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM appointment ORDER BY id").mapTo(Long.class).list());
    }

    @Test
    void arrival_creates_the_visit_with_a_ticket_and_records_the_transition() {
        long a = appointments().get(0);
        VisitService.Moved moved = visits.move(a, VisitState.EXPECTED, VisitState.ARRIVED, Actor.device(3, "Tablet"), null, "contact");
        assertTrue(moved.won());
        Visit v = moved.visit().orElseThrow();
        assertEquals(VisitState.ARRIVED, v.state());
        assertEquals("K-01", v.ticket());
        assertEquals("contact", v.currentStep());
        assertEquals(1, events.get(), "boards hear of it");
        VisitService.Moved second = visits.move(appointments().get(1), VisitState.EXPECTED, VisitState.ARRIVED, Actor.system(), null, null);
        assertEquals("K-02", second.visit().orElseThrow().ticket());
        List<String> rows = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT from_state || '>' || to_state || ' by ' || actor_name FROM visit_transition ORDER BY id").mapTo(String.class).list());
        assertEquals(List.of("EXPECTED>ARRIVED by Tablet", "EXPECTED>ARRIVED by system"), rows);
    }

    @Test
    void a_move_the_table_forbids_is_refused() {
        assertThrows(IllegalArgumentException.class, () ->
                visits.move(appointments().get(0), VisitState.EXPECTED, VisitState.READY, Actor.system(), null, null));
    }

    @Test
    void a_move_from_a_state_the_visit_is_no_longer_in_loses() {
        long a = appointments().get(0);
        visits.move(a, VisitState.EXPECTED, VisitState.ARRIVED, Actor.system(), null, null);
        assertFalse(visits.move(a, VisitState.EXPECTED, VisitState.NO_SHOW, Actor.system(), "late", null).won());
        assertEquals(VisitState.ARRIVED, visits.byAppointment(a).orElseThrow().state());
    }

    @Test
    void two_threads_moving_the_same_visit_at_once_exactly_one_wins_every_time() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (long a : appointments()) {
                // The arrival: two tablets, or a tablet and the desk, at the same moment.
                assertEquals(1, Race.winners(pool,
                        () -> visits.move(a, VisitState.EXPECTED, VisitState.ARRIVED, Actor.system(), null, null).won(),
                        () -> visits.move(a, VisitState.EXPECTED, VisitState.ARRIVED, Actor.staff(1, "desk"), null, null).won()));
                // Then two different moves of the arrived visit.
                assertEquals(1, Race.winners(pool,
                        () -> visits.move(a, VisitState.ARRIVED, VisitState.READY, Actor.system(), null, null).won(),
                        () -> visits.move(a, VisitState.ARRIVED, VisitState.LEFT, Actor.staff(1, "desk"), "went home", null).won()));
            }
        } finally {
            pool.shutdownNow();
        }
        int visitsMade = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM visit").mapTo(Integer.class).one());
        assertEquals(ROUNDS, visitsMade, "never a second visit");
        Set<Integer> tickets = new HashSet<>(db.jdbi().withHandle(h -> h.createQuery("SELECT ticket_number FROM visit").mapTo(Integer.class).list()));
        assertEquals(ROUNDS, tickets.size(), "tickets are unique for the day");
        int transitions = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM visit_transition").mapTo(Integer.class).one());
        assertEquals(2 * ROUNDS, transitions, "only the winners are recorded");
    }
}
