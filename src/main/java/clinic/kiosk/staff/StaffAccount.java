package clinic.kiosk.staff;

import java.time.Instant;
import java.util.Objects;

/** A staff member's account. One person, one account: there are no shared logins. */
public record StaffAccount(long id, String username, String displayName, String role, String passwordHash,
                           boolean mustChangePassword, int failedSignIns, Instant lastFailedAt, Instant disabledAt,
                           Instant createdAt) {
    public StaffAccount {
        Objects.requireNonNull(username);
        Role.of(role).orElseThrow(() -> new IllegalArgumentException("unknown role " + role));
    }

    public Role roleEnum() {
        return Role.of(role).orElseThrow();
    }

    public boolean disabled() {
        return disabledAt != null;
    }
}
