package clinic.kiosk.support;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.db.Database;
import clinic.kiosk.queue.ChairService;
import clinic.kiosk.queue.QueueEvents;
import clinic.kiosk.queue.VisitService;

import org.jdbi.v3.core.Handle;

import java.nio.file.Path;

/**
 * The queue's services on a fresh database in a temporary data folder, without the web: for tests of visits,
 * chairs and the export. A nurse account exists (for the rows that name staff).
 */
public final class TestServices implements AutoCloseable {
    /**
     * Screening that has nothing to say: no block, no alert. A vital sign past a stop-and-call threshold fails the
     * test, which then needs a Safety that records alarms ({@link Alarms}).
     */
    public static final ChairService.Safety ALL_CLEAR = new ChairService.Safety() {
        @Override
        public boolean openBlock(long visitId) {
            return false;
        }

        @Override
        public int unacknowledgedAlerts(long visitId) {
            return 0;
        }

        @Override
        public void alarm(Handle h, long visitId, String code, String message, Actor actor) {
            throw new AssertionError("unexpected stop-and-call alarm " + code + ": " + message);
        }

        @Override
        public boolean alarmOpen(long visitId) {
            return false;
        }
    };

    /** A Safety for the queue's tests: blocks and alerts as the test sets them, alarms recorded as raised. */
    public static final class Alarms implements ChairService.Safety {
        public record Raised(long visitId, String code, String message) {}

        public final java.util.Set<Long> blocked = new java.util.HashSet<>();
        public final java.util.Map<Long, Integer> alerts = new java.util.HashMap<>();
        public final java.util.List<Raised> raised = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Visits whose alarms a clinician has cleared. */
        public final java.util.Set<Long> cleared = new java.util.HashSet<>();

        @Override
        public boolean openBlock(long visitId) {
            return blocked.contains(visitId) || alarmOpen(visitId);
        }

        @Override
        public int unacknowledgedAlerts(long visitId) {
            return alerts.getOrDefault(visitId, 0);
        }

        @Override
        public void alarm(Handle h, long visitId, String code, String message, Actor actor) {
            cleared.remove(visitId);
            raised.add(new Raised(visitId, code, message));
        }

        @Override
        public boolean alarmOpen(long visitId) {
            return !cleared.contains(visitId) && raised.stream().anyMatch(r -> r.visitId() == visitId);
        }

        public java.util.List<String> codes(long visitId) {
            return raised.stream().filter(r -> r.visitId() == visitId).map(Raised::code).toList();
        }
    }

    public final Path dataDir;
    public final Database db;
    public final ClinicTime time;
    public final AuditLog audit;
    public final QueueEvents events = new QueueEvents();
    public final VisitService visits;
    public final ChairService chairs;
    public final Actor nurse;

    private TestServices(Path dataDir, Database db, ClinicTime time, AuditLog audit, VisitService visits,
                         ChairService chairs, Actor nurse) {
        this.dataDir = dataDir;
        this.db = db;
        this.time = time;
        this.audit = audit;
        this.visits = visits;
        this.chairs = chairs;
        this.nurse = nurse;
    }

    public static TestServices open(MutableClock clock, KioskConfig config, ChairService.Safety safety) {
        Path dataDir = TestApp.tempDir("services");
        Database db = Database.open(dataDir, clock);
        ClinicTime time = new ClinicTime(clock, config.clinic().timeZone());
        AuditLog audit = new AuditLog(db.jdbi(), clock);
        QueueEvents bus = new QueueEvents();
        VisitService visits = new VisitService(db.jdbi(), audit, time, bus, VisitService.Safety.NONE);
        ChairService chairs = new ChairService(db.jdbi(), audit, time, config, visits, bus, safety);
        chairs.syncPlaces();
        long staff = db.jdbi().withHandle(h -> h.createUpdate("""
                INSERT INTO staff (username, display_name, role, password_hash, must_change_password, created_at)
                VALUES ('nina', 'Nina Nurse', 'nurse', 'x', FALSE, CURRENT_TIMESTAMP)
                """).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new TestServices(dataDir, db, time, audit, visits, chairs, Actor.staff(staff, "nina"));
    }

    /** The export on these services, with its drop folder created, on the shipped forms. */
    public clinic.kiosk.export.ExportService exports(KioskConfig config) {
        clinic.kiosk.export.ExportService exports = new clinic.kiosk.export.ExportService(db.jdbi(), audit, time, config,
                clinic.kiosk.screening.Screening.load(TestApp.shippedConfig(), config), dataDir, () -> { }, "test");
        try {
            java.nio.file.Files.createDirectories(exports.dropFolder());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return exports;
    }

    @Override
    public void close() {
        db.close();
        TestApp.deleteTree(dataDir);
    }
}
