package clinic.kiosk.backup;

import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.db.Database;
import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.TestApp;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When the nightly backup runs, on a test clock (the scheduler's tick called directly, its thread never started):
 * once a night after its time, a night missed while the server was off made up at the next look, a failure tried
 * again every hour until one succeeds.
 */
class BackupSchedulerTest {
    private final MutableClock clock = MutableClock.standard();
    private final Path data = TestApp.tempDir("backup-schedule");
    private final Database db = Database.open(data, clock);

    @AfterEach
    void close() {
        db.close();
        TestApp.deleteTree(data);
    }

    private BackupScheduler scheduler(String folder) {
        KioskConfig config = ConfigLoader.load(TestApp.shippedConfig());
        KioskConfig.BackupSettings settings = new KioskConfig.BackupSettings(config.backup().at(), folder,
                config.backup().keep(), config.backup().warnAfter());
        BackupService backups = new BackupService(db, new AuditLog(db.jdbi(), clock), clock, settings, data);
        return new BackupScheduler(backups, new ClinicTime(clock, config.clinic().timeZone()));
    }

    private List<String> runs() {
        return db.jdbi().withHandle((Handle h) -> h.createQuery("SELECT status FROM backup_run ORDER BY id")
                .mapTo(String.class).list());
    }

    @Test
    void one_backup_a_night_after_its_time_and_a_missed_night_made_up_at_the_next_look() {
        clock.set(Instant.parse("2026-11-26T06:00:00Z")); // 1:00 am in New York: before 01:30
        BackupScheduler s = scheduler("nightly");
        s.tick();
        assertEquals(List.of(), runs(), "not before its time");
        clock.set(Instant.parse("2026-11-26T06:31:00Z"));
        s.tick();
        s.tick();
        assertEquals(List.of("ok"), runs(), "once");
        clock.set(Instant.parse("2026-11-28T15:00:00Z")); // the server was off for a night and comes back at 10 am
        s.tick();
        assertEquals(List.of("ok", "ok"), runs(), "the missed night made up, once");
        s.tick();
        assertEquals(2, runs().size());
    }

    @Test
    void a_failed_backup_is_tried_again_every_hour_until_one_succeeds() throws Exception {
        Path blocker = data.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        clock.set(Instant.parse("2026-11-26T06:31:00Z"));
        BackupScheduler s = scheduler(blocker.resolve("nightly").toString());
        s.tick();
        assertEquals(List.of("failed"), runs());
        clock.advance(Duration.ofMinutes(59));
        s.tick();
        assertEquals(List.of("failed"), runs(), "not before an hour");
        clock.advance(Duration.ofMinutes(1));
        s.tick();
        assertEquals(List.of("failed", "failed"), runs(), "again after an hour");
        Files.delete(blocker);
        clock.advance(Duration.ofHours(1));
        s.tick();
        assertEquals(List.of("failed", "failed", "ok"), runs(), "the disk is back: a good backup");
        clock.advance(Duration.ofHours(1));
        s.tick();
        assertEquals(3, runs().size(), "and no more until tomorrow night");
    }
}
