package clinic.kiosk.checkin;

import java.time.Instant;

/** A patient's session at a tablet; it knows the visit once the patient has been identified. */
record KioskSession(String tokenHash, Long deviceId, Long visitId, int failures, Instant createdAt,
                    Instant lastSeenAt, Instant endedAt) {}
