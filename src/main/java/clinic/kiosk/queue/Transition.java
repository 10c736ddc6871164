package clinic.kiosk.queue;

import java.time.Instant;

/** One change of a visit's state: who, when, from, to, why; an undo names the transition it reverses. */
public record Transition(long id, VisitState fromState, VisitState toState, Instant at, String actorKind, String actorName,
                         String reason, Long undoOf) {}
