package clinic.kiosk.queue;

import java.time.Instant;

/**
 * A discharge as recorded: the criteria as they stood ({@code criteria}: each with met or not), who took the patient
 * home, a clinician's override of missing criteria with the reason; {@code undoneAt} once the discharge was undone.
 */
public record Discharge(long id, long visitId, Instant at, boolean vitalsOk, boolean walkingSteadily,
                        boolean nauseaControlled, boolean oriented, String escortName, boolean escortAsGiven,
                        String staffName, Instant undoneAt, boolean instructionsGiven, String criteria,
                        String overrideReason, String overrideBy) {}
