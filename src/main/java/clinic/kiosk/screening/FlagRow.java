package clinic.kiosk.screening;

import java.time.Instant;

/**
 * A flag raised on a visit, as stored. {@code status}: open; acknowledged (an alert a clinician saw); cleared (a
 * block a clinician cleared); changed (the answers behind a block or an alert changed: still open for a clinician,
 * never silently gone); withdrawn (an info flag whose answers changed, or a flag of a response a clinician voided).
 */
public record FlagRow(long id, long visitId, String code, String tier, String status, String clinicianMessage,
                      String deskMessage, boolean support, Instant raisedAt, Instant updatedAt) {
    /** Still to be dealt with: a block not cleared, an alert not acknowledged (changed ones included). */
    public boolean pending() {
        return (status.equals("open") || status.equals("changed")) && !tier.equals("info");
    }

    /** A block that keeps the visit from READY and the infusion from starting. */
    public boolean blocking() {
        return pending() && tier.equals("block");
    }

    public boolean live() {
        return status.equals("open") || status.equals("acknowledged") || status.equals("changed");
    }

    public boolean changed() {
        return status.equals("changed");
    }
}
