package clinic.kiosk.staff;

import io.javalin.security.RouteRole;

import java.util.Locale;
import java.util.Optional;

/**
 * A staff member's role. Each route names the roles that may use it. A nurse and a clinician (prescriber) are the
 * clinical roles; an admin account runs the system and is not one, so it sees no answers and clears no flags.
 */
public enum Role implements RouteRole {
    ADMIN, NURSE, DESK, CLINICIAN;

    public static final Role[] ANY = values();
    public static final Role[] CLINICAL = {NURSE, CLINICIAN};

    public boolean clinical() {
        return this == NURSE || this == CLINICIAN;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> of(String code) {
        for (Role r : values()) {
            if (r.code().equals(code)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
