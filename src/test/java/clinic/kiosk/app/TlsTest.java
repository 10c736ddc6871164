package clinic.kiosk.app;

import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS with the clinic's keystore (made here with keytool, as README shows): pages over HTTPS with HSTS and
 * Secure cookies; plain HTTP redirected (308, a POST stays a POST) except /health; a missing password or a wrong
 * one stops the start with a plain message.
 */
class TlsTest {
    private static final String PASSWORD = "test-keystore-password";
    private static Path dir;
    private static Path keystore;
    private static TestApp app;
    private static HttpClient https;
    private static final HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("tls");
        keystore = dir.resolve("kiosk.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "kiosk", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), output);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            trust.setCertificateEntry("kiosk", ks.getCertificate("kiosk"));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        https = HttpClient.newBuilder().sslContext(ssl).followRedirects(HttpClient.Redirect.NEVER).build();
        app = TestApp.start(s -> settings(s, Map.of("KIOSK_TLS_PASSWORD", PASSWORD)));
    }

    private static App.Settings settings(App.Settings s, Map<String, String> env) {
        Path config = TestApp.configWith(y -> y.replace("security:\n", "security:\n  tls:\n    keystore: " + keystore
                + "\n    password_env: KIOSK_TLS_PASSWORD\n    https_port: 0\n"));
        return new App.Settings(s.port(), s.dataDir(), config, s.demo(), s.requireEnrollment(), s.adminPassword(),
                s.passwordIterations(), s.clock(), s.console(), env);
    }

    @AfterAll
    static void stop() {
        app.close();
        TestApp.deleteTree(dir);
    }

    private static String httpsUrl(String path) {
        return "https://localhost:" + app.app.httpsPort().orElseThrow() + path;
    }

    @Test
    void pages_come_over_https_with_hsts_and_secure_cookies() throws Exception {
        HttpResponse<String> desk = https.send(HttpRequest.newBuilder(URI.create(httpsUrl("/desk"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, desk.statusCode());
        assertEquals("max-age=31536000", desk.headers().firstValue("Strict-Transport-Security").orElse(""));
        List<String> cookies = desk.headers().allValues("Set-Cookie");
        assertTrue(!cookies.isEmpty() && cookies.stream().allMatch(c -> c.contains("Secure") && c.contains("HttpOnly")
                && c.contains("SameSite=Strict")), cookies.toString());
        assertTrue(desk.body().contains("Sign in"));
    }

    @Test
    void plain_http_is_redirected_to_https_and_a_post_stays_a_post_but_health_answers() throws Exception {
        HttpResponse<String> get = plain.send(HttpRequest.newBuilder(URI.create(app.url("/desk/appointments?date=2026-11-26"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(308, get.statusCode());
        assertEquals(httpsUrl("/desk/appointments?date=2026-11-26"), get.headers().firstValue("Location").orElse(""));
        assertTrue(get.headers().allValues("Set-Cookie").isEmpty(), "nothing is set over plain HTTP");
        HttpResponse<String> post = plain.send(HttpRequest.newBuilder(URI.create(app.url("/signin")))
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=x"))
                .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(308, post.statusCode(), "the password is never read over plain HTTP");
        assertEquals(200, plain.send(HttpRequest.newBuilder(URI.create(app.url("/health"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void a_missing_or_wrong_keystore_password_stops_the_start_with_why() {
        StartupException missing = assertThrows(StartupException.class, () -> TestApp.start(s -> settings(s, Map.of())));
        assertTrue(missing.getMessage().contains("needs the keystore's password in the environment variable KIOSK_TLS_PASSWORD"),
                missing.getMessage());
        StartupException wrong = assertThrows(StartupException.class,
                () -> TestApp.start(s -> settings(s, Map.of("KIOSK_TLS_PASSWORD", "not-it"))));
        assertTrue(wrong.getMessage().contains("cannot be opened"), wrong.getMessage());
    }
}
