package clinic.kiosk.app;

import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encryption at rest: with a key the database file and its backups hold no patient's name in the clear; without
 * the key, or with another, the server does not start and says why; an unencrypted database is encrypted once with
 * {@code encrypt-database}; a key is refused when short or kept inside the data folder.
 */
class EncryptionTest {
    private static final String KEY = "3f9a1c2e7b6d4058a1e2c3b4d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718";
    private static final String NAME = "Zephyrine";
    private final List<Path> cleanUp = new ArrayList<>();

    @AfterEach
    void clean() {
        cleanUp.forEach(TestApp::deleteTree);
    }

    private Path stoppedWith(Map<String, String> env) {
        TestApp app = TestApp.start(s -> s.withEnv(env));
        app.importSchedule("A1,P1," + NAME + ",Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n");
        app.admin().post("/admin/backup", Map.of());
        Path data = app.stopKeepingData();
        cleanUp.add(data);
        return data;
    }

    /** Whether any file under the folder (zips opened) holds the text in the clear. */
    private static boolean holds(Path folder, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                if (f.toString().endsWith(".zip")) {
                    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(f))) {
                        while (zip.getNextEntry() != null) {
                            if (contains(zip.readAllBytes(), needle)) {
                                return true;
                            }
                        }
                    }
                } else if (contains(bytes, needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String startFails(Path data, Map<String, String> env) {
        StartupException e = assertThrows(StartupException.class, () -> TestApp.startOn(data, s -> s.withEnv(env)));
        return e.getMessage();
    }

    @Test
    void with_a_key_neither_the_database_nor_its_backup_shows_a_name_and_only_the_key_opens_it() throws IOException {
        Path plain = stoppedWith(Map.of());
        assertTrue(holds(plain.resolve("db"), NAME), "the test can see a name in an unencrypted file");
        Path data = stoppedWith(Map.of("KIOSK_DB_KEY", KEY));
        assertFalse(holds(data.resolve("db"), NAME), "the database file is encrypted");
        assertFalse(holds(data.resolve("backups"), NAME), "so is its backup");
        assertTrue(startFails(data, Map.of()).contains("is encrypted (or damaged): give its key"));
        assertTrue(startFails(data, Map.of("KIOSK_DB_KEY", KEY.replace('3', '4'))).contains("does not open the database"));
        try (TestApp again = TestApp.startOn(data, s -> s.withEnv(Map.of("KIOSK_DB_KEY", KEY)))) {
            cleanUp.remove(data);
            assertTrue(again.admin().get("/desk/appointments?date=2026-11-26").body().contains(NAME));
            assertTrue(again.admin().get("/admin").body().contains("encrypted"), "the backup says it is encrypted");
        }
    }

    @Test
    void an_unencrypted_database_is_encrypted_once_by_the_command_and_then_needs_its_key() throws IOException {
        Path data = stoppedWith(Map.of());
        Path keyFile = Files.createTempFile("kiosk-db", ".key");
        cleanUp.add(keyFile);
        Files.writeString(keyFile, KEY + "\n");
        assertTrue(startFails(data, Map.of("KIOSK_DB_KEY_FILE", keyFile.toString())).contains("is not encrypted yet"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Options options = Options.parse(List.of("encrypt-database", "--data-dir", data.toString(), "--config-dir",
                TestApp.shippedConfig().toString()), Map.of("KIOSK_DB_KEY_FILE", keyFile.toString()));
        assertEquals(0, BackupCommands.encrypt(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Backups made before now are not encrypted"));
        assertFalse(holds(data.resolve("db"), NAME));
        assertEquals(0, BackupCommands.encrypt(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), "a second run does nothing");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("already encrypted with this key"));
        try (TestApp again = TestApp.startOn(data, s -> s.withEnv(Map.of("KIOSK_DB_KEY_FILE", keyFile.toString())))) {
            cleanUp.remove(data);
            assertTrue(again.admin().get("/desk/appointments?date=2026-11-26").body().contains(NAME));
        }
    }

    @Test
    void a_short_key_or_a_key_file_in_the_data_folder_is_refused_with_why() throws IOException {
        Path data = Files.createTempDirectory("kiosk-data");
        cleanUp.add(data);
        assertTrue(startFails(data, Map.of("KIOSK_DB_KEY", "short")).contains("at least 32 characters without spaces"));
        assertTrue(startFails(data, Map.of("KIOSK_DB_KEY", KEY.substring(0, 20) + " " + KEY.substring(20)))
                .contains("without spaces"));
        Path inside = data.resolve("database.key");
        Files.writeString(inside, KEY);
        assertTrue(startFails(data, Map.of("KIOSK_DB_KEY_FILE", inside.toString())).contains("is inside the data folder"));
        assertTrue(startFails(data, Map.of("KIOSK_DB_KEY_FILE", data.resolve("../nowhere.key").toString()))
                .contains("cannot read the database key file"));
    }
}
