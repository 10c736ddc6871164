package clinic.kiosk.app;

import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the kiosk writes is readable by its own user only: the data folder and everything the kiosk puts there. */
class FilePermissionsTest {
    private static String mode(Path p) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void the_data_folder_the_database_the_key_the_export_and_the_backups_are_the_kiosks_user_only() throws Exception {
        Path outside = Files.createTempDirectory("backup-disk").resolve("kiosk");
        Path config = TestApp.configWith(y -> y.replace("folder: backups/nightly", "folder: " + outside));
        try (TestApp app = TestApp.start(s -> new App.Settings(s.port(), s.dataDir(), config, s.demo(), s.requireEnrollment(),
                s.adminPassword(), s.passwordIterations(), s.clock(), s.console()))) {
            app.importSchedule("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n");
            app.admin().post("/admin/backup", Map.of());
            app.clock.set(Instant.parse("2026-11-27T07:31:00Z"));
            Path manifest = app.dataDir.resolve("export").resolve("2026-11-26").resolve("manifest.json");
            Instant until = Instant.now().plusSeconds(60);
            while (!Files.exists(manifest)) {
                assertTrue(Instant.now().isBefore(until), "no export");
                Thread.sleep(200);
            }
            assertEquals("rwx------", mode(app.dataDir), "nobody else can reach anything inside");
            assertEquals("rw-------", mode(app.dataDir.resolve("secrets").resolve("signing.key")));
            assertEquals("rwx------", mode(app.dataDir.resolve("secrets")));
            assertEquals("rw-------", mode(app.dataDir.resolve("db").resolve("kiosk.mv.db")));
            assertEquals("rwx------", mode(outside), "the backup folder on another disk");
            try (var zips = Files.list(outside)) {
                for (Path zip : zips.toList()) {
                    assertEquals("rw-------", mode(zip), zip.toString());
                }
            }
            Set<PosixFilePermission> others = Set.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.GROUP_EXECUTE);
            assertTrue(Files.getPosixFilePermissions(app.dataDir).stream().noneMatch(others::contains));
        } finally {
            TestApp.deleteTree(outside.getParent());
        }
    }
}
