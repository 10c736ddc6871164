package clinic.kiosk.queue;

import java.util.Objects;

/**
 * A clinician's named follow-up for a patient whose visit ends (left, cancelled, no-show) with an open block flag
 * or a high-risk flag: who was told, and what will be done. Nobody at risk leaves the record silently.
 */
public record FollowUp(long clinicianId, String clinicianName, String note) {
    public FollowUp {
        Objects.requireNonNull(clinicianName);
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("a follow-up says what will be done");
        }
        note = note.strip();
    }

    /** How the follow-up reads in a transition's reason and on a flag's history. */
    public String describe() {
        return "clinician told: " + clinicianName + "; follow-up: " + note;
    }
}
