package clinic.kiosk.audit;

import java.util.Objects;

/** Who did something: a staff member, an enrolled device, the system itself, or an unidentified browser. */
public record Actor(Kind kind, Long id, String name) {
    public enum Kind { STAFF, DEVICE, SYSTEM, ANONYMOUS }

    public Actor {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(name);
    }

    public static Actor staff(long id, String username) {
        return new Actor(Kind.STAFF, id, username);
    }

    public static Actor device(long id, String name) {
        return new Actor(Kind.DEVICE, id, name);
    }

    public static Actor system() {
        return new Actor(Kind.SYSTEM, null, "system");
    }

    public static Actor anonymous() {
        return new Actor(Kind.ANONYMOUS, null, "anonymous");
    }
}
