package clinic.kiosk.screening;

import java.time.Instant;

/** A flag raised on a visit, as stored. {@code status}: open, acknowledged, cleared or withdrawn. */
public record FlagRow(long id, long visitId, String code, String tier, String status, String clinicianMessage,
                      String deskMessage, boolean support, Instant raisedAt, Instant updatedAt) {
    /** Still to be dealt with: a block not cleared, an alert not acknowledged. */
    public boolean pending() {
        return status.equals("open") && !tier.equals("info");
    }

    public boolean live() {
        return status.equals("open") || status.equals("acknowledged");
    }
}
