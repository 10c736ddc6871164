package clinic.kiosk.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A desk board's live stream (Server-Sent Events) as a signed-in staff member's browser holds it open. */
public final class LiveEvents {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private LiveEvents() {
    }

    /** Opens the stream and waits (up to 30 s) for its hello. */
    public static LiveEvents open(TestApp app, WebClient staff) throws Exception {
        LiveEvents live = new LiveEvents();
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url("/desk/events")))
                .header("Accept", "text/event-stream")
                .header("Cookie", "kiosk_staff=" + staff.cookie("kiosk_staff").orElseThrow()).build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
        Thread reader = new Thread(() -> response.body().forEach(live.lines::add));
        reader.setDaemon(true);
        reader.start();
        if (!"event: hello".equals(live.lines.poll(30, TimeUnit.SECONDS))) {
            throw new AssertionError("the board's stream did not say hello");
        }
        return live;
    }

    /** Waits (up to 30 s) for the next change event; false if none came. */
    public boolean changed() throws InterruptedException {
        String line;
        while ((line = lines.poll(30, TimeUnit.SECONDS)) != null) {
            if (line.equals("event: change")) {
                return true;
            }
        }
        return false;
    }
}
