package clinic.kiosk.device;

import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceHttpTest {
    private TestApp app;

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void an_unenrolled_browser_is_sent_to_the_front_desk() {
        app = TestApp.start();
        for (String path : new String[] {"/kiosk", "/lobby", "/board"}) {
            HttpResponse<String> r = app.client().get(path);
            assertEquals(403, r.statusCode(), path);
            assertTrue(r.body().contains("Please ask at the front desk."), path);
        }
    }

    @Test
    void an_admin_enrolls_a_tablet_which_keeps_its_enrolment_but_not_the_admin_session() {
        app = TestApp.start();
        WebClient tablet = app.admin();
        HttpResponse<String> r = tablet.post("/admin/devices/enroll", Map.of("name", "Waiting room tablet 1", "role", "kiosk"));
        assertEquals(303, r.statusCode());
        assertTrue(r.headers().firstValue("Location").orElseThrow().endsWith("/kiosk"));
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("kiosk_device=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Max-Age="), setCookie);

        HttpResponse<String> kiosk = tablet.get("/kiosk");
        assertEquals(200, kiosk.statusCode());
        assertTrue(kiosk.body().contains("Welcome to Riverside Ketamine Clinic"));
        assertEquals(303, tablet.get("/desk/appointments").statusCode(), "the admin was signed out on the tablet");
        assertEquals(403, tablet.get("/lobby").statusCode(), "a kiosk tablet is not a lobby TV");

        // A patient session reset (new staff/CSRF cookies) never touches the device cookie.
        tablet.dropCookie("kiosk_csrf");
        assertEquals(200, tablet.get("/kiosk").statusCode());

        WebClient admin = app.admin();
        String list = admin.get("/admin/devices").body();
        assertTrue(list.contains("Waiting room tablet 1"));
        assertTrue(list.contains("Kiosk tablet"));
        assertTrue(admin.get("/admin/audit").body().contains("device.enroll"));
    }

    @Test
    void a_revoked_device_is_sent_to_the_front_desk() {
        app = TestApp.start();
        WebClient tv = app.admin();
        tv.post("/admin/devices/enroll", Map.of("name", "Lobby TV", "role", "lobby"));
        assertEquals(200, tv.get("/lobby").statusCode());

        WebClient admin = app.admin();
        Matcher m = Pattern.compile("/admin/devices/(\\d+)/revoke").matcher(admin.get("/admin/devices").body());
        assertTrue(m.find());
        assertEquals(303, admin.post("/admin/devices/" + m.group(1) + "/revoke", Map.of()).statusCode());
        assertTrue(admin.get("/admin/devices").body().contains("Revoked"));
        assertEquals(403, tv.get("/lobby").statusCode());
        assertTrue(admin.get("/admin/audit").body().contains("device.revoke"));
    }

    @Test
    void an_enrolled_desk_board_shows_todays_appointments_and_its_views_are_audited() {
        app = TestApp.start();
        WebClient board = app.admin();
        board.upload("/desk/schedule", "file", "today.csv", (clinic.kiosk.schedule.ScheduleFileTestData.HEADER
                + "B1,BP1,Bea,Boardman,1970-01-01,2026-11-26T11:00,infusion,\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        board.post("/admin/devices/enroll", Map.of("name", "Desk screen", "role", "board"));
        HttpResponse<String> r = board.get("/board");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Boardman, Bea"));
        assertTrue(r.body().contains("data-events-url=\"/desk/events\""), "the board is live");
        String audit = app.admin().get("/admin/audit").body();
        assertTrue(audit.contains("device Desk screen"), "the board's view is audited as the device");
    }

    @Test
    void a_forged_device_cookie_enrols_nothing() {
        app = TestApp.start();
        WebClient tablet = app.admin();
        tablet.post("/admin/devices/enroll", Map.of("name", "Tablet", "role", "kiosk"));
        String cookie = tablet.cookie("kiosk_device").orElseThrow();
        WebClient forger = app.client();
        HttpResponse<String> r = forger.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url("/kiosk")))
                .header("Cookie", "kiosk_device=" + cookie.replaceFirst("^\\d+", "99")));
        assertEquals(403, r.statusCode());
    }

    @Test
    void enrolment_needs_a_name_and_a_role() {
        app = TestApp.start();
        HttpResponse<String> r = app.admin().post("/admin/devices/enroll", Map.of("name", ""));
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("Enter a name for this device"));
        assertTrue(r.body().contains("Choose what this device is for"));
    }

    @Test
    void with_enrolment_off_kiosk_and_lobby_open_with_a_notice_but_the_board_does_not() {
        app = TestApp.start(s -> new clinic.kiosk.app.App.Settings(s.port(), s.dataDir(), s.configDir(), s.demo(),
                Optional.of(false), s.adminPassword(), s.passwordIterations(), s.clock(), s.console()));
        HttpResponse<String> kiosk = app.client().get("/kiosk");
        assertEquals(200, kiosk.statusCode());
        assertTrue(kiosk.body().contains("Device not enrolled"));
        assertEquals(200, app.client().get("/lobby").statusCode());
        assertEquals(303, app.client().get("/board").statusCode(), "the board shows names: staff or a board device only");
        HttpResponse<String> staffBoard = app.admin().get("/board");
        assertEquals(200, staffBoard.statusCode());
        assertFalse(staffBoard.body().contains("Device not enrolled"));
    }
}
