package clinic.kiosk.app;

import clinic.kiosk.support.Screener;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static clinic.kiosk.support.Screener.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backups that restore: a real day (a check-in with its three signed consents) backed up with "Back up now", the
 * server stopped, the backup restored into another installation with {@code restore}, its check printed (row counts,
 * the audit chain, the signatures' hashes), and a server started on it finding everything. A tampered backup, one
 * that is not the kiosk's, and a restore while a server runs are refused, the installation left as it was.
 */
class BackupRestoreTest {
    private final List<Path> cleanUp = new ArrayList<>();

    @AfterEach
    void clean() {
        cleanUp.forEach(TestApp::deleteTree);
    }

    private record Ran(int code, String out, String err) {}

    private static Ran run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Options options = Options.parse(List.of(args), Map.of());
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = switch (options.command()) {
            case BACKUP -> BackupCommands.backup(options, o, e);
            case RESTORE -> BackupCommands.restore(options, o, e);
            case ENCRYPT_DATABASE -> BackupCommands.encrypt(options, o, e);
            default -> throw new IllegalArgumentException(args[0]);
        };
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A day with Ana checked in and her three consents signed at the tablet; returns the stopped app's folder. */
    private static TestApp anasDay() {
        TestApp app = TestApp.start();
        app.importSchedule("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n"
                + "A2,P2,Tran,Nguyen,1968-01-09,2026-11-26T11:00,infusion,555-0104\n");
        WebClient tablet = app.tablet("Tablet 1");
        String next = location(Screener.identify(tablet, "Ana", "Rivera", "3", "14", "1985"));
        next = location(tablet.post(next, Map.of("phone", "555-0101", "escortName", "Maria Rivera",
                "escortPhone", "555-0199", "plan", "stays")));
        assertEquals("/kiosk/done", Screener.finish(tablet, next, Map.of()));
        return app;
    }

    private static Path newest(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches("kiosk-\\d{8}-\\d{6}\\.zip"))
                    .max(java.util.Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
        }
    }

    @Test
    void the_admin_is_warned_before_any_backup_and_when_the_last_is_older_than_a_day() {
        Path data = TestApp.tempDir("no-backup");
        cleanUp.add(data);
        clinic.kiosk.support.MutableClock clock = clinic.kiosk.support.MutableClock.standard();
        try (clinic.kiosk.db.Database db = clinic.kiosk.db.Database.open(data, clock)) {
            clinic.kiosk.backup.BackupService backups = new clinic.kiosk.backup.BackupService(db,
                    new clinic.kiosk.audit.AuditLog(db.jdbi(), clock), clock,
                    clinic.kiosk.config.ConfigLoader.load(TestApp.shippedConfig()).backup(), data);
            clinic.kiosk.backup.BackupService.Status none = backups.status();
            assertTrue(none.warn() && none.lastGood().isEmpty() && none.failedSince().isEmpty(), "no backup yet: warned");
            assertTrue(backups.backUp(clinic.kiosk.audit.Actor.system()).ok());
            assertFalse(backups.status().warn(), "a good backup just now");
            clock.advance(Duration.ofHours(26));
            assertFalse(backups.status().warn(), "26 hours: within backup.warn_after_hours");
            clock.advance(Duration.ofMinutes(1));
            assertTrue(backups.status().warn(), "older than 26 hours: warned");
            assertEquals(Duration.ofHours(26).plusMinutes(1), backups.status().age().orElseThrow());
        }
    }

    @Test
    void a_backup_made_while_running_restores_into_another_installation_checked_and_whole() throws Exception {
        TestApp app = anasDay();
        WebClient admin = app.admin();
        assertEquals("/admin?notice=ok", location(admin.post("/admin/backup", Map.of())));
        String after = admin.get("/admin").body();
        assertTrue(after.contains("Last good backup:") && !after.contains("id=\"backup-warning\""), after);
        Path folder = app.dataDir.resolve("backups").resolve("nightly");
        Path zip = newest(folder); // the nightly run may have made one at start-up too
        assertTrue(after.contains(zip.getFileName().toString()), "the page names the newest");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(zip)), "the kiosk's user only");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertTrue(admin.get("/admin/audit?action=backup").body().contains("backup.done"));

        Path kept = Files.createTempDirectory("kept-backup").resolve(zip.getFileName().toString());
        cleanUp.add(kept.getParent());
        Files.copy(zip, kept);
        app.close();

        Path fresh = Files.createTempDirectory("restored");
        cleanUp.add(fresh);
        Ran restored = run("restore", kept.toString(), "--data-dir", fresh.toString(), "--config-dir", TestApp.shippedConfig().toString());
        assertEquals(0, restored.code(), restored.err() + restored.out());
        assertTrue(restored.out().contains("  patient: 2") && restored.out().contains("  consent_signature: 3"), restored.out());
        assertTrue(restored.out().contains("Audit chain: ") && restored.out().contains("entries, intact"), restored.out());
        assertTrue(restored.out().contains("Signed consents: 3 checked, every hash matches"), restored.out());

        try (TestApp again = TestApp.startOn(fresh, s -> s)) {
            cleanUp.remove(fresh);
            String appointments = again.admin().get("/desk/appointments?date=2026-11-26").body();
            assertTrue(appointments.contains("Rivera") && appointments.contains("Nguyen"), appointments);
            String audit = again.admin().get("/admin/audit").body();
            assertTrue(audit.contains("backup.restored") && !audit.contains("First broken entry"), audit);
        }
    }

    @Test
    void a_tampered_backup_is_refused_and_the_installation_keeps_its_database() throws Exception {
        TestApp app = anasDay();
        app.admin().post("/admin/backup", Map.of());
        Path zip = newest(app.dataDir.resolve("backups").resolve("nightly"));
        Path work = Files.createTempDirectory("tamper");
        cleanUp.add(work);
        Path copy = work.resolve("good.zip");
        Files.copy(zip, copy);
        Path target = app.stopKeepingData();
        cleanUp.add(target);

        // Someone edits a signed consent's PDF in a copy of the database, and backs that up.
        Path edited = work.resolve("edited");
        org.h2.tools.Restore.execute(copy.toString(), edited.resolve("db").toString(), "kiosk");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + edited.resolve("db").resolve("kiosk")
                + ";DATABASE_TO_LOWER=TRUE", "kiosk", "");
             Statement s = c.createStatement()) {
            s.execute("UPDATE consent_signature SET pdf = X'255044462D' WHERE id = (SELECT MIN(id) FROM consent_signature)");
            s.execute("BACKUP TO '" + work.resolve("tampered.zip") + "'");
        }
        Ran refused = run("restore", work.resolve("tampered.zip").toString(), "--data-dir", target.toString(),
                "--config-dir", TestApp.shippedConfig().toString());
        assertEquals(1, refused.code(), refused.out());
        assertTrue(refused.out().contains("the PDF does not match its SHA-256"), refused.out());
        assertTrue(refused.err().contains("the restore was refused") && refused.err().contains("the previous database is back"),
                refused.err());

        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(work.resolve("evil.zip")))) {
            out.putNextEntry(new ZipEntry("../../kiosk.mv.db"));
            out.write(new byte[] {1, 2, 3});
            out.closeEntry();
        }
        Ran evil = run("restore", work.resolve("evil.zip").toString(), "--data-dir", target.toString(),
                "--config-dir", TestApp.shippedConfig().toString());
        assertEquals(1, evil.code());
        assertTrue(evil.err().contains("is not a backup of the kiosk: it holds ../../kiosk.mv.db"), evil.err());
        Files.writeString(work.resolve("notes.zip"), "not a zip");
        assertTrue(run("restore", work.resolve("notes.zip").toString(), "--data-dir", target.toString(),
                "--config-dir", TestApp.shippedConfig().toString()).err().contains("not a backup of the kiosk"));

        try (TestApp again = TestApp.startOn(target, s -> s)) {
            cleanUp.remove(target);
            assertTrue(again.admin().get("/desk/appointments?date=2026-11-26").body().contains("Rivera"), "still the clinic's data");
            Ran whileRunning = run("restore", copy.toString(), "--data-dir", target.toString(),
                    "--config-dir", TestApp.shippedConfig().toString());
            assertEquals(1, whileRunning.code());
            assertTrue(whileRunning.err().contains("already using the data folder"), whileRunning.err());
        }
    }

    @Test
    void the_nightly_backup_keeps_the_newest_and_deletes_only_its_own_older_files() throws Exception {
        try (TestApp app = TestApp.start(s -> s)) {
            Path folder = app.dataDir.resolve("backups").resolve("nightly");
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("notes.txt"), "the clinic's own file");
            WebClient admin = app.admin();
            for (int i = 0; i < 16; i++) {
                assertEquals("/admin?notice=ok", location(admin.post("/admin/backup", Map.of())));
                app.clock.advance(Duration.ofMinutes(10));
                admin = app.admin();
            }
            try (Stream<Path> files = Files.list(folder)) {
                List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
                assertEquals(15, names.size(), "14 kept (backup.keep) and the clinic's own file: " + names);
                assertTrue(names.contains("notes.txt"));
            }
        }
    }

    @Test
    void a_backup_that_cannot_be_written_is_recorded_and_warned_about() throws Exception {
        Path blocked = Files.createTempFile("not-a-folder", ".txt");
        cleanUp.add(blocked);
        Path config = TestApp.configWith(y -> y.replace("folder: backups/nightly", "folder: " + blocked.resolve("nightly")));
        try (TestApp app = TestApp.start(s -> new App.Settings(s.port(), s.dataDir(), config, s.demo(), s.requireEnrollment(),
                s.adminPassword(), s.passwordIterations(), s.clock(), s.console()))) {
            WebClient admin = app.admin();
            assertEquals("/admin?notice=failed", location(admin.post("/admin/backup", Map.of())));
            String page = admin.get("/admin").body();
            assertTrue(page.contains("id=\"backup-warning\"") && page.contains("failed:"), page);
            assertTrue(admin.get("/admin/audit?action=backup").body().contains("backup.failed"));
        }
    }

}
