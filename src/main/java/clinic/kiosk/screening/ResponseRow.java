package clinic.kiosk.screening;

import java.time.Instant;

/** A response to one form in one visit, as stored. */
public record ResponseRow(long id, long visitId, String formId, String formVersion, int attempt, String status,
                          Integer total, String band, String language, Instant startedAt, Instant completedAt,
                          Instant voidedAt, String voidedBy, String voidReason, String riskLevel) {
    public boolean completed() {
        return status.equals("completed");
    }
}
