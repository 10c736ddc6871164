package clinic.kiosk.db;

import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.TestApp;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest {

    @Test
    void a_fresh_database_gets_every_migration_and_no_backup() {
        Path dir = TestApp.tempDir("db");
        try (Database db = Database.open(dir, MutableClock.standard())) {
            assertTrue(db.isHealthy());
            int tables = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN ('staff', 'audit_event', 'appointment')")
                    .mapTo(Integer.class).one());
            assertEquals(3, tables);
        }
        assertTrue(Files.notExists(dir.resolve("backups")));
    }

    @Test
    void backs_up_an_existing_database_before_a_new_migration() throws IOException {
        Path dir = TestApp.tempDir("db");
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db").resolve("kiosk")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "kiosk", "");
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").target("1").load().migrate();
        pool.dispose();

        try (Database db = Database.open(dir, MutableClock.standard())) {
            assertTrue(db.isHealthy());
        }
        List<Path> backups;
        try (Stream<Path> list = Files.list(dir.resolve("backups"))) {
            backups = list.toList();
        }
        assertEquals(1, backups.size());
        String name = backups.get(0).getFileName().toString();
        assertTrue(name.startsWith("kiosk-before-V2-") && name.endsWith(".zip"), name);
        assertTrue(Files.size(backups.get(0)) > 0);

        // Opening again applies nothing new, so takes no second backup.
        try (Database db = Database.open(dir, MutableClock.standard())) {
            assertTrue(db.isHealthy());
        }
        try (Stream<Path> list = Files.list(dir.resolve("backups"))) {
            assertEquals(1, list.count());
        }
    }

    @Test
    void instants_survive_a_round_trip_whatever_the_default_zone() {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
        try (Database db = Database.open(TestApp.tempDir("db"), MutableClock.standard())) {
            Instant when = Instant.parse("2026-03-08T07:30:00.123Z");
            db.jdbi().useHandle(h -> h.createUpdate("""
                    INSERT INTO staff (username, display_name, role, password_hash, must_change_password, created_at)
                    VALUES ('x', 'X', 'desk', 'h', FALSE, :at)
                    """).bind("at", when).execute());
            Instant back = db.jdbi().withHandle(h -> h.createQuery("SELECT created_at FROM staff")
                    .mapTo(Instant.class).one());
            assertEquals(when, back);
        } finally {
            TimeZone.setDefault(original);
        }
    }
}
