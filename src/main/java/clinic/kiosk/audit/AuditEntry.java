package clinic.kiosk.audit;

import java.time.Instant;

/** One line of the audit log, as stored. */
public record AuditEntry(long seq, Instant at, String actorKind, Long actorId, String actorName, String action,
                         Long patientId, String subject, String remote, String prevHash, String hash) {

    /** The text the hash covers: every field but the hash itself, in a fixed order, unambiguously separated. */
    String canonical() {
        return String.join("\u001f", Long.toString(seq), Long.toString(at.toEpochMilli()), actorKind,
                String.valueOf(actorId), actorName, action, String.valueOf(patientId), String.valueOf(subject),
                String.valueOf(remote), prevHash);
    }
}
