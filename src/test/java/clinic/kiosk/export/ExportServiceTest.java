package clinic.kiosk.export;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.db.Database;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.screening.Screening;
import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export on a real database with a fixed clock, without the web: days, DST, amendments, failures. */
class ExportServiceTest {
    private final MutableClock clock = MutableClock.standard();
    private Database db;
    private Path dataDir;
    private ExportService exports;
    private ScheduleService schedule;

    @BeforeEach
    void open() throws Exception {
        dataDir = TestApp.tempDir("export");
        db = Database.open(dataDir, clock);
        KioskConfig config = ConfigLoader.load(TestApp.shippedConfig());
        ClinicTime time = new ClinicTime(clock, config.clinic().timeZone());
        AuditLog audit = new AuditLog(db.jdbi(), clock);
        schedule = new ScheduleService(db.jdbi(), audit, time, config, () -> { });
        exports = new ExportService(db.jdbi(), audit, time, config, Screening.load(TestApp.shippedConfig(), config),
                dataDir, () -> { }, "test");
        Files.createDirectories(exports.dropFolder());
    }

    @AfterEach
    void close() {
        db.close();
        TestApp.deleteTree(dataDir);
    }

    private void importRows(String rows) {
        String csv = "appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone\n" + rows;
        assertTrue(schedule.importFile("day.csv", csv.getBytes(StandardCharsets.UTF_8), ScheduleService.Source.UPLOAD,
                Actor.system(), null).accepted());
    }

    @Test
    void a_day_is_exported_once_it_is_due() {
        importRows("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n");
        assertEquals(List.of(), exports.due(), "today is not due");
        clock.set(Instant.parse("2026-11-27T07:31:00Z"));
        assertEquals(List.of(LocalDate.parse("2026-11-26")), exports.due());
        ExportService.Outcome o = exports.exportDay(LocalDate.parse("2026-11-26"), Actor.system());
        assertTrue(o.ok(), String.valueOf(o.reason()));
        assertEquals(List.of(), exports.due());
    }
}
