package clinic.kiosk.screening;

import java.time.Instant;

/** Something that happened to a flag: raised, withdrawn by the patient, acknowledged, cleared; who, when and why. */
public record FlagEvent(long flagId, String event, Instant at, String actorName, String reason) {}
