package clinic.kiosk.app;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.backup.BackupService;
import clinic.kiosk.backup.RestoreCheck;
import clinic.kiosk.config.ConfigException;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.db.Database;
import clinic.kiosk.db.DatabaseKey;
import clinic.kiosk.db.OwnerOnly;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The commands of backups, each with the server stopped (they hold the data folder's lock): {@code backup} now,
 * {@code restore BACKUP} (the current database moved aside, the backup's put in its place and checked, the old one
 * put back if the check fails), and {@code encrypt-database} (once, when turning encryption on).
 */
final class BackupCommands {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private BackupCommands() {
    }

    private record Setup(KioskConfig config, Optional<DatabaseKey> key) {}

    private static Setup setup(Options options, PrintStream out) {
        App.Settings settings = options.settings(out);
        KioskConfig config = App.config(settings);
        return new Setup(config, settings.databaseKey(config));
    }

    static int backup(Options options, PrintStream out, PrintStream err) {
        try {
            Setup s = setup(options, out);
            try (DataFolder folder = DataFolder.lock(options.dataDir());
                 Database db = Database.open(folder.dir(), Clock.systemUTC(), s.key())) {
                BackupService backups = new BackupService(db, new AuditLog(db.jdbi(), Clock.systemUTC()), Clock.systemUTC(),
                        s.config().backup(), folder.dir());
                BackupService.Run run = backups.backUp(Actor.system());
                if (!run.ok()) {
                    err.println("intake-kiosk: the backup failed: " + run.reason());
                    return 1;
                }
                out.println("Backed up to " + backups.folder().resolve(run.fileName()) + " (" + run.bytes() + " bytes"
                        + (run.encrypted() ? ", encrypted" : "") + ")");
                return 0;
            }
        } catch (ConfigException | StartupException | Database.KeyProblem e) {
            err.println("intake-kiosk: " + e.getMessage());
            return 1;
        }
    }

    static int restore(Options options, PrintStream out, PrintStream err) {
        Path backup = options.backup().orElseThrow().toAbsolutePath().normalize();
        try {
            Setup s = setup(options, out);
            checkBackup(backup);
            try (DataFolder folder = DataFolder.lock(options.dataDir())) {
                Path db = folder.dir().resolve("db");
                String stamp = STAMP.format(Clock.systemUTC().instant());
                Path aside = folder.dir().resolve("db-before-restore-" + stamp);
                boolean hadOne = Files.exists(db);
                if (hadOne) {
                    Files.move(db, aside);
                    out.println("The current database was moved aside to " + aside);
                }
                OwnerOnly.createDirectories(db);
                org.h2.tools.Restore.execute(backup.toString(), db.toString(), "kiosk");
                RestoreCheck.Report report;
                try (Database restored = Database.open(folder.dir(), Clock.systemUTC(), s.key())) {
                    report = RestoreCheck.run(restored.jdbi(), new AuditLog(restored.jdbi(), Clock.systemUTC()));
                    print(report, out);
                    if (report.ok()) {
                        new AuditLog(restored.jdbi(), Clock.systemUTC()).record(AuditLog.Event.of(Actor.system(),
                                "backup.restored", "from " + backup.getFileName() + ": " + report.auditEntries()
                                        + " audit entries verified, " + report.signatures() + " signatures checked", null));
                    }
                } catch (IllegalStateException e) { // a key that does not fit, or a damaged file
                    report = null;
                    err.println("intake-kiosk: the restored database does not open: " + e.getMessage());
                }
                if (report == null || !report.ok()) {
                    Path failed = folder.dir().resolve("db-restore-failed-" + stamp);
                    Files.move(db, failed);
                    if (hadOne) {
                        Files.move(aside, db);
                    }
                    err.println("intake-kiosk: the restore was refused; the restored copy is in " + failed
                            + (hadOne ? " and the previous database is back in place" : ""));
                    return 1;
                }
                out.println("Restored " + backup.getFileName() + " into " + db + ". Start the server as usual.");
                return 0;
            }
        } catch (ConfigException | StartupException | Database.KeyProblem e) {
            err.println("intake-kiosk: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("intake-kiosk: the restore could not run (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            return 1;
        }
    }

    /** A backup the kiosk made: a zip holding the database file and nothing else (no paths, no other files). */
    private static void checkBackup(Path backup) throws IOException {
        if (!Files.isRegularFile(backup)) {
            throw new StartupException("there is no backup file " + backup);
        }
        boolean database = false;
        try (InputStream in = Files.newInputStream(backup); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.getName().equals("kiosk.mv.db")) {
                    throw new StartupException(backup + " is not a backup of the kiosk: it holds " + e.getName());
                }
                database = true;
            }
        } catch (java.util.zip.ZipException e) {
            throw new StartupException(backup + " is not a backup of the kiosk (not a zip file)");
        }
        if (!database) {
            throw new StartupException(backup + " is not a backup of the kiosk (no database in it)");
        }
    }

    private static void print(RestoreCheck.Report r, PrintStream out) {
        out.println("Rows restored:");
        r.counts().forEach((table, n) -> out.println("  " + table + ": " + n));
        out.println("Audit chain: " + r.auditEntries() + " entries, " + r.auditProblem().map(p -> "BROKEN: " + p).orElse("intact"));
        out.println("Signed consents: " + r.signatures() + " checked, " + (r.signatureProblems().isEmpty() ? "every hash matches"
                : r.signatureProblems().size() + " do not match"));
        r.signatureProblems().forEach(p -> out.println("  " + p));
    }

    static int encrypt(Options options, PrintStream out, PrintStream err) {
        try {
            Setup s = setup(options, out);
            if (s.key().isEmpty()) {
                err.println("intake-kiosk: encrypt-database needs the key: set KIOSK_DB_KEY or KIOSK_DB_KEY_FILE, or "
                        + "security.database_key_file in kiosk.yaml");
                return 2;
            }
            try (DataFolder folder = DataFolder.lock(options.dataDir())) {
                if (!Files.exists(folder.dir().resolve("db").resolve("kiosk.mv.db"))) {
                    err.println("intake-kiosk: there is no database in " + folder.dir() + " yet: start the server with the "
                            + "key set and it is created encrypted");
                    return 1;
                }
                if (!Database.encrypt(folder.dir(), s.key().get())) {
                    out.println("The database is already encrypted with this key.");
                    return 0;
                }
                try (Database db = Database.open(folder.dir(), Clock.systemUTC(), s.key())) {
                    out.println("The database is encrypted (AES) with the key from " + s.key().get().source() + ".");
                    new AuditLog(db.jdbi(), Clock.systemUTC()).record(AuditLog.Event.of(Actor.system(), "database.encrypted",
                            "with the key from " + s.key().get().source(), null));
                }
                out.println("Backups made before now are not encrypted: move them to safe storage or delete them ("
                        + folder.dir().resolve("backups") + " and backup.folder).");
                return 0;
            }
        } catch (ConfigException | StartupException | Database.KeyProblem e) {
            err.println("intake-kiosk: " + e.getMessage());
            return 1;
        }
    }
}
