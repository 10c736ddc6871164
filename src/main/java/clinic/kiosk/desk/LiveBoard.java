package clinic.kiosk.desk;

import clinic.kiosk.queue.QueueEvents;
import io.javalin.http.sse.SseClient;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open boards, held as Server-Sent Events streams: every queue change is pushed to all of them at once, and
 * a comment every 20 seconds keeps proxies from closing an idle stream and lets a board notice a dead server.
 */
final class LiveBoard implements AutoCloseable {
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final Runnable unsubscribe;
    private final ScheduledExecutorService heartbeat;

    LiveBoard(QueueEvents events) {
        this.unsubscribe = events.subscribe(what -> broadcast());
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "board-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::ping, 20, 20, TimeUnit.SECONDS);
    }

    void join(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendEvent("hello", "live");
    }

    private void broadcast() {
        for (SseClient client : clients) {
            if (client.terminated()) {
                clients.remove(client);
            } else {
                client.sendEvent("change", "queue");
            }
        }
    }

    private void ping() {
        for (SseClient client : clients) {
            if (client.terminated()) {
                clients.remove(client);
            } else {
                client.sendComment("keep-alive");
            }
        }
    }

    int size() {
        return clients.size();
    }

    @Override
    public void close() {
        unsubscribe.run();
        heartbeat.shutdownNow();
        clients.forEach(SseClient::close);
        clients.clear();
    }
}
