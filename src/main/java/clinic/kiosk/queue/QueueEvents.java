package clinic.kiosk.queue;

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
