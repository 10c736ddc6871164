package clinic.kiosk.app;

import clinic.kiosk.db.Database;
import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.TestApp;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthTest {

    @Test
    void answers_503_until_ready_and_when_the_database_is_gone() throws Exception {
        Path dir = TestApp.tempDir("health");
        Database db = Database.open(dir, MutableClock.standard());
        AtomicBoolean ready = new AtomicBoolean(false);
        Health health = new Health(db, dir, ready, java.util.Map::of);
        Javalin javalin = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/health", health::handle);
        }).start(0);
        try {
            HttpResponse<String> starting = get(javalin);
            assertEquals(503, starting.statusCode());
            assertTrue(starting.body().contains("\"status\":\"starting\""), starting.body());

            ready.set(true);
            HttpResponse<String> ok = get(javalin);
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("\"database\":\"ok\""));

            db.close();
            HttpResponse<String> down = get(javalin);
            assertEquals(503, down.statusCode());
            assertTrue(down.body().contains("\"database\":\"unavailable\""), down.body());
        } finally {
            javalin.stop();
        }
    }

    private static HttpResponse<String> get(Javalin javalin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + javalin.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
