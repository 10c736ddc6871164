package clinic.kiosk.schedule;

import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.db.Database;
import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the watcher's polls by hand: no sleeping, no timing assumptions. */
class InboxWatcherTest {
    private final MutableClock clock = MutableClock.standard();
    private Database db;
    private Path inbox;
    private InboxWatcher watcher;

    @BeforeEach
    void open() throws IOException {
        Path data = TestApp.tempDir("inbox");
        db = Database.open(data, clock);
        inbox = data.resolve("inbox");
        Files.createDirectories(inbox.resolve("done"));
        Files.createDirectories(inbox.resolve("failed"));
        ScheduleService schedule = new ScheduleService(db.jdbi(), new AuditLog(db.jdbi(), clock), new ClinicTime(clock, java.time.ZoneId.of("America/New_York")),
                ConfigLoader.load(TestApp.shippedConfig()), () -> { });
        watcher = new InboxWatcher(inbox, schedule, Duration.ofHours(1));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void takes_a_file_once_it_has_stopped_changing_and_moves_it_to_done() throws IOException {
        Files.writeString(inbox.resolve("monday.csv"), ScheduleFileTest.HEADER + "A1,P1,Ana,Rivera,1985-03-14,2026-11-26T09:30,infusion,\n");
        watcher.poll();
        assertTrue(Files.exists(inbox.resolve("monday.csv")), "first sight: left alone in case it is still being written");
        watcher.poll();
        assertTrue(Files.exists(inbox.resolve("done/monday.csv")));
        assertTrue(Files.notExists(inbox.resolve("monday.csv")));
        assertEquals(1, appointments());
    }

    @Test
    void a_file_that_grows_between_polls_waits() throws IOException {
        Path file = inbox.resolve("big.csv");
        Files.writeString(file, ScheduleFileTest.HEADER);
        watcher.poll();
        Files.writeString(file, ScheduleFileTest.HEADER + "A1,P1,Ana,Rivera,1985-03-14,2026-11-26T09:30,infusion,\n");
        watcher.poll();
        assertTrue(Files.exists(file));
        watcher.poll();
        assertTrue(Files.exists(inbox.resolve("done/big.csv")));
    }

    @Test
    void a_refused_file_moves_to_failed_with_its_errors_beside_it() throws IOException {
        Files.writeString(inbox.resolve("bad.csv"), ScheduleFileTest.HEADER + "A1,P1,Ana,Rivera,1985-02-30,2026-11-26T09:30,infusion,\n");
        watcher.poll();
        watcher.poll();
        assertTrue(Files.exists(inbox.resolve("failed/bad.csv")));
        assertEquals("line 2: date_of_birth 1985-02-30 is not a real date (YYYY-MM-DD)\n",
                Files.readString(inbox.resolve("failed/bad.csv.errors.txt")));
        assertEquals(0, appointments());
    }

    @Test
    void partial_and_hidden_files_are_never_taken_and_other_files_are_refused() throws IOException {
        Files.writeString(inbox.resolve("copying.csv.part"), ScheduleFileTest.HEADER);
        Files.writeString(inbox.resolve(".hidden.csv"), ScheduleFileTest.HEADER);
        Files.writeString(inbox.resolve("notes.txt"), "hello");
        watcher.poll();
        watcher.poll();
        assertTrue(Files.exists(inbox.resolve("copying.csv.part")));
        assertTrue(Files.exists(inbox.resolve(".hidden.csv")));
        assertTrue(Files.exists(inbox.resolve("failed/notes.txt")));
        assertTrue(Files.readString(inbox.resolve("failed/notes.txt.errors.txt")).contains("only .csv files are imported"));
    }

    private int appointments() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM appointment").mapTo(Integer.class).one());
    }
}
