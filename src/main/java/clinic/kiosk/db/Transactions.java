package clinic.kiosk.db;

import org.jdbi.v3.core.Jdbi;

import java.util.function.Supplier;

/**
 * One user action, one transaction. Jdbi keeps the handle of an open transaction for its thread, so every service
 * called inside {@link #inOne} joins it: the answer, its flags, the visit's move and their audit entries commit
 * together or not at all. What the services publish for the boards is heard after the commit, never before.
 */
public final class Transactions {
    private final Jdbi jdbi;

    public Transactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public <T> T inOne(Supplier<T> work) {
        return jdbi.inTransaction(h -> work.get());
    }
}
