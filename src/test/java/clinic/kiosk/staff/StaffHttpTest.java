package clinic.kiosk.staff;

import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaffHttpTest {
    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.start();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void desk_shows_an_unsigned_browser_the_sign_in_form() {
        HttpResponse<String> r = app.client().get("/desk");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<label for=\"username\">Username</label>"));
        assertTrue(r.body().contains("<label for=\"password\">Password</label>"));
        assertTrue(r.body().contains(">Sign in</button>"));
    }

    @Test
    void signing_in_lands_on_desk_with_a_new_session_id() {
        WebClient c = app.client();
        c.get("/desk");
        HttpResponse<String> r = c.post("/signin", Map.of("username", "admin", "password", TestApp.ADMIN_PASSWORD));
        assertEquals(303, r.statusCode());
        assertEquals("/desk", r.headers().firstValue("Location").orElseThrow().replaceFirst("^http://[^/]+", ""));
        String first = c.cookie("kiosk_staff").orElseThrow();
        assertTrue(c.get("/desk").body().contains("Signed in as Administrator (admin)"));

        c.signIn("admin", TestApp.ADMIN_PASSWORD);
        String second = c.cookie("kiosk_staff").orElseThrow();
        assertNotEquals(first, second, "every sign-in gets a new session id");
    }

    @Test
    void a_wrong_password_gets_a_message_beside_the_field_and_is_audited() {
        WebClient c = app.client();
        HttpResponse<String> r = c.post("/signin", Map.of("username", "admin", "password", "wrong"));
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("There is a problem"));
        assertTrue(r.body().contains("The username or password is not right."));
        assertTrue(r.body().contains("aria-invalid=\"true\""));
        HttpResponse<String> empty = c.post("/signin", Map.of("username", "", "password", ""));
        assertEquals(422, empty.statusCode());
        assertTrue(empty.body().contains("Enter your username"));
        assertTrue(empty.body().contains("Enter your password"));
        assertTrue(app.admin().get("/admin/audit").body().contains("signin.failed"));
    }

    @Test
    void failures_slow_the_account_down_without_locking_it() {
        WebClient c = app.client();
        for (int i = 0; i < StaffService.FREE_FAILURES; i++) {
            assertEquals(401, c.post("/signin", Map.of("username", "admin", "password", "wrong")).statusCode());
        }
        HttpResponse<String> throttled = c.post("/signin", Map.of("username", "admin", "password", TestApp.ADMIN_PASSWORD));
        assertEquals(429, throttled.statusCode(), "even the right password waits during the slow-down");
        assertTrue(throttled.body().contains("Too many attempts for this account. Wait"));

        app.clock.advance(Duration.ofSeconds(2));
        assertEquals(401, c.post("/signin", Map.of("username", "admin", "password", "wrong")).statusCode());
        app.clock.advance(Duration.ofSeconds(1));
        assertEquals(429, c.post("/signin", Map.of("username", "admin", "password", TestApp.ADMIN_PASSWORD)).statusCode(),
                "the fourth failure doubles the wait");
        app.clock.advance(Duration.ofSeconds(StaffService.MAX_DELAY_SECONDS));
        c.signIn("admin", TestApp.ADMIN_PASSWORD);
        assertTrue(app.admin().get("/admin/audit").body().contains("signin.throttled"));
    }

    @Test
    void an_idle_session_ends_after_15_minutes() {
        WebClient c = app.admin();
        app.clock.advance(Duration.ofMinutes(14));
        assertEquals(200, c.get("/desk/appointments").statusCode());
        app.clock.advance(Duration.ofMinutes(14));
        assertEquals(200, c.get("/desk/appointments").statusCode(), "each request restarts the idle limit");
        app.clock.advance(Duration.ofMinutes(16));
        HttpResponse<String> r = c.get("/desk");
        assertTrue(r.body().contains("You were signed out because the screen was not used for a while."));
        assertEquals(303, c.get("/desk/appointments").statusCode());
    }

    @Test
    void a_session_ends_12_hours_after_sign_in_however_busy() {
        WebClient c = app.admin();
        for (int i = 0; i < 12 * 6; i++) {
            app.clock.advance(Duration.ofMinutes(10));
            HttpResponse<String> r = c.get("/desk");
            if (i < 12 * 6 - 1) {
                assertTrue(r.body().contains("Signed in as"), "still signed in after " + (i + 1) * 10 + " minutes");
            }
        }
        app.clock.advance(Duration.ofMinutes(1));
        assertTrue(c.get("/desk").body().contains("your session reached its time limit"));
    }

    @Test
    void sign_out_ends_the_session_on_the_server() {
        WebClient c = app.admin();
        String token = c.cookie("kiosk_staff").orElseThrow();
        HttpResponse<String> r = c.post("/signout", Map.of());
        assertEquals(303, r.statusCode());
        String location = r.headers().firstValue("Location").orElseThrow().replaceFirst("^http://[^/]+", "");
        assertTrue(c.get(location).body().contains("You have signed out."));
        WebClient replay = app.client();
        assertEquals(303, replay.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url("/desk/appointments")))
                .header("Cookie", "kiosk_staff=" + token)).statusCode(), "the old session id is worthless");
    }

    @Test
    void each_role_reaches_its_pages_only() {
        WebClient admin = app.admin();
        String nursePassword = create(admin, "nina", "Nina Nurse", "nurse");
        String deskPassword = create(admin, "dan", "Dan Desk", "desk");
        WebClient nurse = signInFirstTime("nina", nursePassword);
        WebClient desk = signInFirstTime("dan", deskPassword);
        WebClient anonymous = app.client();

        Map<String, List<Integer>> expected = Map.of(
                "/desk", List.of(200, 200, 200),
                "/desk/appointments", List.of(200, 200, 200),
                "/desk/schedule", List.of(200, 403, 200),
                "/admin/staff", List.of(200, 403, 403),
                "/admin/devices", List.of(200, 403, 403),
                "/admin/audit", List.of(200, 403, 403),
                "/account/password", List.of(200, 200, 200));
        expected.forEach((path, codes) -> {
            assertEquals(codes.get(0), admin.get(path).statusCode(), "admin " + path);
            assertEquals(codes.get(1), nurse.get(path).statusCode(), "nurse " + path);
            assertEquals(codes.get(2), desk.get(path).statusCode(), "desk " + path);
            int unsigned = anonymous.get(path).statusCode();
            assertEquals(path.equals("/desk") ? 200 : 303, unsigned, "anonymous " + path);
        });
        assertEquals(403, desk.post("/admin/staff", Map.of("username", "eve", "displayName", "Eve", "role", "admin")).statusCode());
        assertFalse(admin.get("/admin/staff").body().contains("eve"));
    }

    @Test
    void an_admin_adds_disables_enables_and_resets_accounts() {
        WebClient admin = app.admin();
        String password = create(admin, "ana.rivera", "Ana Rivera", "desk");
        WebClient ana = signInFirstTime("ana.rivera", password);
        assertEquals(200, ana.get("/desk").statusCode());

        long id = idOf(admin, "ana.rivera");
        assertEquals(303, admin.post("/admin/staff/" + id + "/disable", Map.of()).statusCode());
        assertTrue(admin.get("/admin/staff?notice=disabled").body().contains("Disabled"));
        assertEquals(303, ana.get("/desk/appointments").statusCode(), "disabling ends her sessions");
        WebClient again = app.client();
        assertEquals(401, again.post("/signin", Map.of("username", "ana.rivera", "password", "ana's own password 1")).statusCode());

        admin.post("/admin/staff/" + id + "/enable", Map.of());
        HttpResponse<String> reset = admin.post("/admin/staff/" + id + "/reset-password", Map.of());
        assertEquals(200, reset.statusCode());
        String oneTime = oneTimePassword(reset.body());
        WebClient back = signInFirstTime("ana.rivera", oneTime);
        assertEquals(200, back.get("/desk").statusCode());
    }

    @Test
    void usernames_are_unique_and_checked() {
        WebClient admin = app.admin();
        create(admin, "sam", "Sam One", "nurse");
        HttpResponse<String> dup = admin.post("/admin/staff", Map.of("username", "sam", "displayName", "Sam Two", "role", "nurse"));
        assertEquals(422, dup.statusCode());
        assertTrue(dup.body().contains("That username is already taken."));
        HttpResponse<String> bad = admin.post("/admin/staff", Map.of("username", "Sam Two!", "displayName", "", "role", "chef"));
        assertTrue(bad.body().contains("Use 2 to 32 lower-case letters"));
        assertTrue(bad.body().contains("Enter the person’s full name"));
        assertTrue(bad.body().contains("Choose a role"));
    }

    @Test
    void an_admin_cannot_disable_themselves() {
        WebClient admin = app.admin();
        long self = idOf(admin, "admin");
        admin.post("/admin/staff/" + self + "/disable", Map.of());
        assertTrue(admin.get("/admin/staff").body().contains("Active"));
        assertEquals(303, admin.post("/admin/staff/" + self + "/disable", Map.of()).statusCode());
        assertTrue(admin.get("/admin/staff?notice=own").body().contains("You cannot disable your own account."));
    }

    @Test
    void a_one_time_password_must_be_changed_before_anything_else() {
        WebClient admin = app.admin();
        String password = create(admin, "nora", "Nora N", "nurse");
        WebClient nora = app.client();
        HttpResponse<String> r = nora.post("/signin", Map.of("username", "nora", "password", password));
        assertTrue(r.headers().firstValue("Location").orElseThrow().endsWith("/account/password"));
        assertEquals(303, nora.get("/desk/appointments").statusCode());
        HttpResponse<String> weak = nora.post("/account/password", Map.of("current", password, "next", "short", "confirm", "short"));
        assertTrue(weak.body().contains("The new password must have at least 12 characters"));
        HttpResponse<String> mismatch = nora.post("/account/password", Map.of("current", password, "next", "a long new password", "confirm", "a long new passw0rd"));
        assertTrue(mismatch.body().contains("The two new passwords are not the same"));
        HttpResponse<String> wrong = nora.post("/account/password", Map.of("current", "nope", "next", "a long new password", "confirm", "a long new password"));
        assertTrue(wrong.body().contains("Your current password is not right"));
        assertEquals(303, nora.post("/account/password", Map.of("current", password, "next", "a long new password", "confirm", "a long new password")).statusCode());
        assertEquals(200, nora.get("/desk/appointments").statusCode());
        WebClient later = app.client();
        later.signIn("nora", "a long new password");
    }

    private String create(WebClient admin, String username, String name, String role) {
        HttpResponse<String> r = admin.post("/admin/staff", Map.of("username", username, "displayName", name, "role", role));
        assertEquals(200, r.statusCode(), r.body());
        return oneTimePassword(r.body());
    }

    private static String oneTimePassword(String body) {
        Matcher m = Pattern.compile("id=\"one-time-password\">([^<]+)<").matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    private WebClient signInFirstTime(String username, String oneTime) {
        WebClient c = app.client();
        c.signIn(username, oneTime);
        String own = username + " own password 1";
        assertEquals(303, c.post("/account/password", Map.of("current", oneTime, "next", own, "confirm", own)).statusCode());
        return c;
    }

    private static long idOf(WebClient admin, String username) {
        String body = admin.get("/admin/staff").body();
        if (body.contains("<td>" + username + " (you)</td>")) {
            return 1; // the bootstrap admin is the first account
        }
        Matcher m = Pattern.compile("<td>" + Pattern.quote(username) + "</td>(?s:.*?)/admin/staff/(\\d+)/").matcher(body);
        assertTrue(m.find(), "no row for " + username);
        return Long.parseLong(m.group(1));
    }
}
