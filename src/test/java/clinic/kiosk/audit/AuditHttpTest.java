package clinic.kiosk.audit;

import clinic.kiosk.support.Screener;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin's audit viewer: filters by day, staff member, patient and action; the chain check names the first break. */
class AuditHttpTest {
    private TestApp app;
    private WebClient admin;

    @BeforeEach
    void start() {
        app = TestApp.checkInOnly(true);
        app.importSchedule("""
                A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101
                A2,P2,Tran,Nguyen,1968-01-09,2026-11-26T11:00,infusion,555-0104
                """);
        admin = app.admin();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private static String rows(String page) {
        return page.substring(page.indexOf("<tbody>"), page.indexOf("</tbody>"));
    }

    @Test
    void filters_by_staff_member_patient_action_and_day() {
        WebClient tablet = app.tablet("Tablet 1");
        Screener.identify(tablet, "Ana", "Rivera", "3", "14", "1985");
        tablet.post("/kiosk/step/contact", Map.of("phone", "555-0101", "escortName", "Maria", "escortPhone", "555-0199", "plan", "stays"));
        WebClient nurse = app.staff("nina", "nurse");
        String board = nurse.get("/desk").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/desk/visits/(\\d+)").matcher(board);
        assertTrue(m.find());
        nurse.post("/desk/visits/" + m.group(1) + "/seat", Map.of("place", "chair-1"));
        nurse.get("/desk/visits/" + m.group(1) + "/chair");

        String byNurse = rows(admin.get("/admin/audit?who=nina").body());
        assertTrue(byNurse.contains("visit.seated") && byNurse.contains("chair.view") && byNurse.contains("board.view"), byNurse);
        assertFalse(byNurse.contains("device.enroll"), "the admin's actions are not nina's");

        String chairOnly = rows(admin.get("/admin/audit?action=chair").body());
        assertTrue(chairOnly.contains("chair.view") && !chairOnly.contains("visit.seated") && !chairOnly.contains("board.view"), chairOnly);
        String exact = rows(admin.get("/admin/audit?action=visit.seated").body());
        assertTrue(exact.contains("visit.seated") && !exact.contains("visit.arrived"));

        String ana = rows(admin.get("/admin/audit?patient=Rivera").body());
        assertTrue(ana.contains("visit.arrived") && ana.contains("visit.seated"), ana);
        assertEquals(ana, rows(admin.get("/admin/audit?patient=ana+rivera").body()), "by full name, any case");
        assertEquals(ana, rows(admin.get("/admin/audit?patient=P1").body()), "by main-records id");
        assertFalse(rows(admin.get("/admin/audit?patient=Nguyen").body()).contains("visit."), "Tran has no visit yet");
        assertTrue(rows(admin.get("/admin/audit?patient=Nobody").body()).strip().equals("<tbody>"), "an unknown name finds nothing");

        assertTrue(rows(admin.get("/admin/audit?date=2026-11-26&action=visit").body()).contains("visit.seated"));
        assertFalse(rows(admin.get("/admin/audit?date=2026-11-25&action=visit").body()).contains("visit."));
        String badDate = admin.get("/admin/audit?date=26.11.2026").body();
        assertTrue(badDate.contains("Enter a day as YYYY-MM-DD"));

        String own = rows(admin.get("/admin/audit?action=audit.view").body());
        assertTrue(own.contains("filtered by") && !own.contains("Rivera"), "looking is audited, the name typed is not");
    }

    @Test
    void the_chain_check_names_the_first_broken_entry() throws SQLException {
        assertTrue(admin.get("/admin/audit").body().contains("The audit chain is intact"));
        String url = "jdbc:h2:file:" + app.dataDir.resolve("db").resolve("kiosk").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "kiosk", ""); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_event SET subject = 'nothing to see' WHERE seq = 3");
        }
        String page = admin.get("/admin/audit").body();
        assertTrue(page.contains("The audit chain is broken:") && page.contains("entry 3 was changed after it was written"), page);
        assertTrue(page.contains("First broken entry: #3"), page);
    }
}
