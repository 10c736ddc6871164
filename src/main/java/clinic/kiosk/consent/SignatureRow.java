package clinic.kiosk.consent;

import java.time.Instant;

/** A signed consent as stored (without its large columns). */
public record SignatureRow(long id, String consentId, int consentVersion, String title, String textSha256,
                           long patientId, long visitId, String method, String typedName, String witnessName,
                           Instant signedAt, String pdfSha256, String scanType, Instant voidedAt, String voidedBy,
                           String voidReason, String courseId) {
    public boolean voided() {
        return voidedAt != null;
    }
}
