package clinic.kiosk.queue;

import java.time.Instant;

/** The discharge checklist as completed; {@code undoneAt} is set when the discharge was undone. */
public record Discharge(long id, long visitId, Instant at, boolean vitalsOk, boolean walkingSteadily,
                        boolean nauseaControlled, boolean oriented, String escortName, boolean escortAsGiven,
                        String staffName, Instant undoneAt) {

    /** What the nurse ticks: every criterion met, and who takes the patient home. */
    public record Checklist(boolean vitalsOk, boolean walkingSteadily, boolean nauseaControlled, boolean oriented,
                            boolean escortAsGiven, String otherEscort) {
        public boolean criteriaMet() {
            return vitalsOk && walkingSteadily && nauseaControlled && oriented;
        }
    }
}
