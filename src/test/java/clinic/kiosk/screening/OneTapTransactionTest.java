package clinic.kiosk.screening;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.db.Database;
import clinic.kiosk.db.Transactions;
import clinic.kiosk.queue.QueueEvents;
import clinic.kiosk.queue.Readiness;
import clinic.kiosk.queue.Visit;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.queue.VisitState;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One patient tap is one database transaction: the answer, the flag it raises, the visit's move and their audit
 * entries commit together, or, when anything in the tap fails, none of them does and no board hears of it.
 */
class OneTapTransactionTest {
    private final MutableClock clock = MutableClock.standard();
    private final AtomicInteger heard = new AtomicInteger();
    private final AtomicBoolean failReadiness = new AtomicBoolean();
    private Database db;
    private ScreeningService screening;
    private VisitService visits;
    private Readiness readiness;
    private Transactions transactions;
    private Visit visit;

    @BeforeEach
    void open() {
        db = Database.open(TestApp.tempDir("tap"), clock);
        KioskConfig config = ConfigLoader.load(TestApp.shippedConfig());
        ClinicTime time = new ClinicTime(clock, config.clinic().timeZone());
        AuditLog audit = new AuditLog(db.jdbi(), clock);
        ScheduleService schedule = new ScheduleService(db.jdbi(), audit, time, config, () -> { });
        schedule.importFile("day.csv", ("appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone\n"
                + "A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n").getBytes(StandardCharsets.UTF_8),
                ScheduleService.Source.UPLOAD, Actor.system(), null);
        QueueEvents bus = new QueueEvents();
        bus.subscribe(what -> heard.incrementAndGet());
        screening = new ScreeningService(db.jdbi(), audit, time, config, Screening.load(TestApp.shippedConfig(), config), bus);
        visits = new VisitService(db.jdbi(), audit, time, bus, VisitService.Safety.NONE);
        readiness = new Readiness(visits, new Readiness.Facts() {
            @Override
            public boolean stepsDone(Visit v) {
                if (failReadiness.get()) {
                    throw new IllegalStateException("the database went away in the middle of the tap");
                }
                return true;
            }

            @Override
            public boolean blocked(long visitId) {
                return screening.blocked(visitId);
            }
        });
        transactions = new Transactions(db.jdbi());
        long appointment = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM appointment").mapTo(Long.class).one());
        visit = visits.move(appointment, VisitState.EXPECTED, VisitState.ARRIVED, Actor.system(), null, null).visit().orElseThrow();
        heard.set(0);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** The patient's tap "Yes, I am pregnant": the answer, the flag rules, the readiness decision. */
    private void tap() {
        transactions.inOne(() -> {
            Questionnaire form = screening.form("safety-check");
            Value yes = ScreeningService.parse(form.item("pregnant").orElseThrow(), "LA33-6").orElseThrow();
            screening.save(visit.id(), "safety-check", Map.of("pregnant", List.of(yes)), "en", Actor.device(1, "Tablet 1"));
            screening.evaluate(visit.id(), visit.patientId(), false, Actor.device(1, "Tablet 1"), ScreeningService.Cause.ANSWERS);
            return readiness.settle(visit.id(), Actor.device(1, "Tablet 1"));
        });
    }

    private int count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    @Test
    void hazard_a_tap_that_fails_half_way_leaves_no_answer_no_flag_no_move_and_no_audit_entry() {
        int audits = count("SELECT COUNT(*) FROM audit_event");
        failReadiness.set(true);
        assertThrows(IllegalStateException.class, this::tap);
        assertEquals(0, count("SELECT COUNT(*) FROM answer"), "no answer without its flag and its move");
        assertEquals(0, count("SELECT COUNT(*) FROM response"));
        assertEquals(0, count("SELECT COUNT(*) FROM flag"));
        assertEquals(VisitState.ARRIVED, visits.byId(visit.id()).orElseThrow().state());
        assertEquals(audits, count("SELECT COUNT(*) FROM audit_event"), "no audit entry of what did not happen");
        assertEquals(0, heard.get(), "no board is told of a change that was rolled back");
    }

    @Test
    void a_whole_tap_commits_the_answer_its_flag_the_move_and_the_audit_together() {
        int audits = count("SELECT COUNT(*) FROM audit_event");
        tap();
        assertEquals(1, count("SELECT COUNT(*) FROM answer"));
        assertEquals(1, count("SELECT COUNT(*) FROM flag WHERE code = 'pregnant' AND status = 'open'"));
        assertEquals(VisitState.NEEDS_REVIEW, visits.byId(visit.id()).orElseThrow().state(), "the block keeps it from READY");
        assertTrue(count("SELECT COUNT(*) FROM audit_event") >= audits + 3, "answer, flag and move audited");
        assertTrue(heard.get() >= 2, "the boards hear of the flag and the move, after the commit");
    }
}
