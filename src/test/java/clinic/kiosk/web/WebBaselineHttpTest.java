package clinic.kiosk.web;

import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebBaselineHttpTest {
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/desk", "/desk/appointments", "/kiosk", "/lobby", "/health", "/static/app.css", "/no/such/page", "/admin/staff"})
    void every_response_carries_the_security_headers(String path) {
        HttpResponse<String> r = app.admin().get(path);
        var h = r.headers();
        assertEquals(WebBaseline.CSP, h.firstValue("Content-Security-Policy").orElse(null), path);
        assertTrue(WebBaseline.CSP.contains("default-src 'self'") && WebBaseline.CSP.contains("frame-ancestors 'none'"));
        assertFalse(WebBaseline.CSP.contains("unsafe-inline"));
        assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(null), path);
        assertEquals("no-referrer", h.firstValue("Referrer-Policy").orElse(null), path);
        assertTrue(h.firstValue("Permissions-Policy").orElse("").contains("camera=()"), path);
        if (!path.startsWith("/static/")) {
            assertEquals("no-store", h.firstValue("Cache-Control").orElse(null), path);
        }
        assertFalse(h.firstValue("Server").isPresent(), "no server version is advertised");
    }

    @Test
    void cookies_are_http_only_and_same_site_strict() {
        WebClient c = app.client();
        HttpResponse<String> r = c.get("/desk");
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("kiosk_csrf=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertFalse(setCookie.contains("Secure"), "Secure only when served over TLS");
        HttpResponse<String> signIn = c.post("/signin", Map.of("username", "admin", "password", TestApp.ADMIN_PASSWORD));
        String staff = signIn.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("kiosk_staff=")).findFirst().orElseThrow();
        assertTrue(staff.contains("HttpOnly") && staff.contains("SameSite=Strict"), staff);
    }

    @Test
    void a_post_without_the_csrf_token_is_refused_and_changes_nothing() {
        WebClient c = app.client();
        c.get("/desk");
        HttpResponse<String> r = c.postRaw("/signin", Map.of("username", "admin", "password", TestApp.ADMIN_PASSWORD));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("This page has expired"));
        assertTrue(c.cookie("kiosk_staff").isEmpty());

        WebClient admin = app.admin();
        HttpResponse<String> forged = admin.postRaw("/admin/staff", Map.of("_csrf", "forged-token-that-is-long-enough",
                "username", "mallory", "displayName", "Mallory", "role", "admin"));
        assertEquals(403, forged.statusCode());
        assertFalse(admin.get("/admin/staff").body().contains("mallory"));
    }

    @Test
    void no_state_changes_over_get() {
        WebClient admin = app.admin();
        assertEquals(404, admin.get("/signout").statusCode());
        assertEquals(200, admin.get("/desk").statusCode(), "GET /signout did not sign out");
        assertEquals(404, admin.get("/admin/staff/1/disable").statusCode());
    }

    @Test
    void an_oversized_body_gets_413_and_a_page() {
        WebClient c = app.client();
        String big = "x".repeat((int) WebBaseline.MAX_FORM_BYTES + 10);
        HttpResponse<String> r = c.post("/signin", Map.of("username", big, "password", "p"));
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("That was too large to send"));
    }

    @Test
    void a_body_without_a_declared_length_is_capped_too() {
        WebClient c = app.client();
        byte[] body = ("_csrf=" + c.csrf() + "&username=" + "u".repeat((int) WebBaseline.MAX_UPLOAD_BYTES + 10))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(app.url("/signin")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("That was too large to send"));
    }

    @Test
    void an_overlong_field_gets_a_message_beside_it() {
        HttpResponse<String> r = app.client().post("/signin", Map.of("username", "u".repeat(40), "password", "p"));
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("Username must be 32 characters or fewer"), r.body());
    }

    @Test
    void unknown_pages_get_a_friendly_404_that_leaks_nothing() {
        HttpResponse<String> r = app.client().get("/etc/passwd");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("Page not found"));
        assertFalse(r.body().toLowerCase().contains("javalin"));
        assertFalse(r.body().toLowerCase().contains("exception"));
    }

    @Test
    void health_reports_ready_with_database_disk_and_version() {
        HttpResponse<String> r = app.client().get("/health");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(r.body().contains("\"status\":\"ok\""), r.body());
        assertTrue(r.body().contains("\"database\":\"ok\""), r.body());
        assertTrue(r.body().matches(".*\"freeDiskBytes\":\\d+.*"), r.body());
        assertTrue(r.body().contains("\"version\":"), r.body());
    }

    @Test
    void patient_pages_speak_spanish_when_the_browser_asks() {
        WebClient c = app.client();
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(app.url("/kiosk")))
                .header("Accept-Language", "es-US,es;q=0.9,en;q=0.5"));
        assertTrue(r.body().contains("<html lang=\"es\">"), r.body());
        assertTrue(r.body().contains("Esta pantalla aún no está configurada"), r.body());
    }
}
