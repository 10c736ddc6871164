package clinic.kiosk.device;

import java.time.Instant;

/** An enrolled tablet, lobby TV or desk board. Revoked devices stay listed, with who revoked them and when. */
public record Device(long id, String name, String role, String tokenHash, long enrolledBy, String enrolledByName,
                     Instant enrolledAt, Instant lastSeenAt, Instant revokedAt) {
    public DeviceRole roleEnum() {
        return DeviceRole.of(role).orElseThrow();
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
