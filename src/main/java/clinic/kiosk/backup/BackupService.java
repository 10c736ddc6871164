package clinic.kiosk.backup;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.KioskConfig.BackupSettings;
import clinic.kiosk.db.Database;
import clinic.kiosk.db.OwnerOnly;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The nightly backup: a consistent copy of the whole database, taken by H2 while the kiosk runs, written under a
 * temporary name and renamed when complete, readable by the kiosk's user only, into the configured folder (meant to
 * be another disk); the newest {@code keep} are kept. Every run is recorded and audited; the admin page reads the
 * last one.
 */
public final class BackupService {
    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    /** Backups this service made: {@code kiosk-20261203-013000.zip} (UTC). Nothing else in the folder is touched. */
    static final Pattern NAME = Pattern.compile("kiosk-\\d{8}-\\d{6}\\.zip");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** A backup run as recorded. */
    public record Run(long id, Instant startedAt, Instant finishedAt, String fileName, Long bytes, boolean encrypted,
                      String status, String reason) {
        public boolean ok() {
            return status.equals("ok");
        }
    }

    /** What the admin page shows: the last good backup (and its file), a failure since, and whether to warn. */
    public record Status(Optional<Run> lastGood, Optional<Run> failedSince, Path folder, boolean warn,
                         Optional<Duration> age) {}

    interface Dao {
        @SqlUpdate("""
                INSERT INTO backup_run (started_at, finished_at, file_name, bytes, encrypted, status, reason)
                VALUES (:started, :finished, :file, :bytes, :encrypted, :status, :reason)
                """)
        void record(@Bind("started") Instant started, @Bind("finished") Instant finished, @Bind("file") String file,
                    @Bind("bytes") Long bytes, @Bind("encrypted") boolean encrypted, @Bind("status") String status,
                    @Bind("reason") String reason);

        @SqlQuery("SELECT * FROM backup_run WHERE status = 'ok' ORDER BY started_at DESC, id DESC LIMIT 1")
        @RegisterConstructorMapper(Run.class)
        Optional<Run> lastGood();

        @SqlQuery("SELECT * FROM backup_run ORDER BY started_at DESC, id DESC LIMIT 1")
        @RegisterConstructorMapper(Run.class)
        Optional<Run> last();
    }

    private final Database database;
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Clock clock;
    private final BackupSettings settings;
    private final Path folder;

    public BackupService(Database database, AuditLog audit, Clock clock, BackupSettings settings, Path dataDir) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        Path configured = Path.of(settings.folder());
        this.folder = configured.isAbsolute() ? configured : dataDir.resolve(configured);
    }

    public Path folder() {
        return folder;
    }

    public BackupSettings settings() {
        return settings;
    }

    /** Takes a backup now; returns the run as recorded (failed with its reason when it could not be made). */
    public synchronized Run backUp(Actor actor) {
        Instant started = clock.instant();
        String name = "kiosk-" + STAMP.format(started) + ".zip";
        Path partial = folder.resolve("." + name + ".partial");
        try {
            OwnerOnly.createDirectories(folder);
            Files.deleteIfExists(partial);
            database.backupTo(partial);
            OwnerOnly.file(partial);
            Path file = folder.resolve(name);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            long bytes = Files.size(file);
            int pruned = prune();
            jdbi.useExtension(Dao.class, d -> d.record(started, clock.instant(), name, bytes, database.encrypted(), "ok", null));
            audit.record(AuditLog.Event.of(actor, "backup.done", name + " (" + bytes + " bytes"
                    + (database.encrypted() ? ", encrypted" : "") + ")" + (pruned > 0 ? "; " + pruned + " older deleted" : ""), null));
            log.info("Backed up the database to {} ({} bytes)", file, bytes);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the next run deletes it
            }
            String reason = e instanceof IOException ? e.getClass().getSimpleName() + " on " + folder : e.getMessage();
            jdbi.useExtension(Dao.class, d -> d.record(started, clock.instant(), null, null, database.encrypted(), "failed",
                    reason.length() > 500 ? reason.substring(0, 500) : reason));
            audit.record(AuditLog.Event.of(actor, "backup.failed", reason, null));
            log.warn("Backup failed: {}", reason);
        }
        return jdbi.withExtension(Dao.class, Dao::last).orElseThrow();
    }

    /** Deletes this service's backups beyond the newest {@code keep}; returns how many went. */
    private int prune() throws IOException {
        List<Path> mine;
        try (Stream<Path> files = Files.list(folder)) {
            mine = files.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        }
        int deleted = 0;
        for (Path old : mine.subList(Math.min(settings.keep(), mine.size()), mine.size())) {
            Files.delete(old);
            deleted++;
        }
        return deleted;
    }

    /** The last good backup (whose file must still be there), a failure since, its age and whether to warn. */
    public Status status() {
        Optional<Run> good = jdbi.withExtension(Dao.class, Dao::lastGood)
                .filter(r -> Files.isRegularFile(folder.resolve(r.fileName())));
        Optional<Run> last = jdbi.withExtension(Dao.class, Dao::last);
        Optional<Run> failed = last.filter(r -> !r.ok());
        Optional<Duration> age = good.map(r -> Duration.between(r.finishedAt(), clock.instant()));
        boolean warn = age.map(a -> a.compareTo(settings.warnAfter()) > 0).orElse(true) || failed.isPresent();
        return new Status(good, failed, folder, warn, age);
    }

    /** When the nightly backup is due: it has not run since today's time came (or never). */
    public boolean due(Instant scheduledToday, Instant now) {
        if (now.isBefore(scheduledToday)) {
            return false;
        }
        Optional<Run> last = jdbi.withExtension(Dao.class, Dao::last);
        return last.map(r -> r.startedAt().isBefore(scheduledToday)).orElse(true);
    }
}
