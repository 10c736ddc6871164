package clinic.kiosk.staff;

import io.javalin.security.RouteRole;

import java.util.Locale;
import java.util.Optional;

/** A staff member's role. Each route names the roles that may use it. */
public enum Role implements RouteRole {
    ADMIN, NURSE, DESK;

    public static final Role[] ANY = values();

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
