package clinic.kiosk.queue;

import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-process event bus: whatever changes the queue says so here, and every open board hears it. A later
 * PostgreSQL LISTEN/NOTIFY bridge feeds the same bus so that several servers share one live board.
 */
public final class QueueEvents {
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** Listens until the returned handle is run. */
    public Runnable subscribe(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Publishes once the handle's transaction commits (at once outside one): a board that hears the news must read
     * what it announces, and a rolled-back change announces nothing.
     */
    public void publish(Handle h, String what) {
        if (h.isInTransaction()) {
            h.afterCommit(() -> publish(what));
        } else {
            publish(what);
        }
    }

    public void publish(String what) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(what);
            } catch (RuntimeException e) {
                listeners.remove(listener); // a board that went away
            }
        }
    }

    public int listeners() {
        return listeners.size();
    }
}
