package clinic.kiosk.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A handler that fails: the person sees a plain page with a reference, the log gets no message text. */
class ServerErrorTest {
    private Javalin javalin;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void start() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(WebBaseline.class)).addAppender(logged);
        javalin = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.fileRenderer(new PebbleRenderer(new Messages(), "Test clinic", false, java.util.Map.of()));
            new WebBaseline().install(c);
            c.routes.get("/boom", ctx -> {
                throw new IllegalStateException("Duplicate key: Ana Rivera 1985-03-14",
                        new RuntimeException("VALUES ('Ana', 'Rivera')"));
            });
        }).start(0);
    }

    @AfterEach
    void stop() {
        javalin.stop();
        ((Logger) LoggerFactory.getLogger(WebBaseline.class)).detachAppender(logged);
    }

    @Test
    void shows_a_reference_and_logs_types_and_frames_only() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + javalin.port() + "/boom")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(500, r.statusCode());
        assertTrue(r.body().contains("Sorry, something went wrong"));
        assertTrue(r.body().contains("Reference for IT:"));
        assertFalse(r.body().contains("Rivera"));
        assertFalse(r.body().contains("IllegalStateException"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());

        String log = logged.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", String::concat);
        assertTrue(log.contains("java.lang.IllegalStateException"), log);
        assertTrue(log.contains("caused by java.lang.RuntimeException"), log);
        assertFalse(log.contains("Rivera"), log);
        assertFalse(log.contains("1985"), log);
    }
}
