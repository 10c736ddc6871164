package clinic.kiosk.support;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.db.Database;
import clinic.kiosk.queue.ChairService;
import clinic.kiosk.queue.QueueEvents;
import clinic.kiosk.queue.VisitService;

import java.nio.file.Path;

/**
 * The queue's services on a fresh database in a temporary data folder, without the web: for tests of visits,
 * chairs and the export. A nurse account exists (for the rows that name staff).
 */
public final class TestServices implements AutoCloseable {
    /** Screening that has nothing to say: no block, no alert. */
    public static final ChairService.Safety ALL_CLEAR = new ChairService.Safety() {
        @Override
        public boolean openBlock(long visitId) {
            return false;
        }

        @Override
        public int unacknowledgedAlerts(long visitId) {
            return 0;
        }
    };

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
