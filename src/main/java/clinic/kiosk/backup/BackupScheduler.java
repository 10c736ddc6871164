package clinic.kiosk.backup;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.config.ClinicTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Each night at {@code backup.time} (the clinic's local time) one backup; a night missed while the server was off is
 * made up at the next start. A failed backup is tried again every hour until one succeeds.
 */
public final class BackupScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackupScheduler.class);
    private static final Duration RETRY = Duration.ofHours(1);

    private final BackupService backups;
    private final ClinicTime time;
    private final ScheduledExecutorService thread;
    private Instant retryAt = Instant.MIN;

    public BackupScheduler(BackupService backups, ClinicTime time) {
        this.backups = backups;
        this.time = time;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "backup-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Looks every five seconds whether a backup is due (one small query). */
    public void start() {
        thread.scheduleWithFixedDelay(this::tick, 5, 5, TimeUnit.SECONDS);
    }

    synchronized void tick() {
        try {
            Instant now = time.now();
            Instant tonight = time.today().atTime(backups.settings().at()).atZone(time.zone()).toInstant();
            boolean failedLast = backups.status().failedSince().isPresent();
            if (failedLast ? !now.isBefore(retryAt) : backups.due(tonight, now)) {
                BackupService.Run run = backups.backUp(Actor.system());
                retryAt = run.ok() ? Instant.MIN : now.plus(RETRY);
            }
        } catch (RuntimeException e) {
            log.warn("Backup scheduling failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
