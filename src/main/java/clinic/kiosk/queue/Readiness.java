package clinic.kiosk.queue;

import clinic.kiosk.audit.Actor;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one decision of where a checked-in visit stands before a chair, and the one place that acts on it. Every
 * path that can change it calls {@link #settle}: the kiosk and the desk after each step, a paper consent, a flag
 * cleared, an answer changed, a response or a consent voided.
 * <ul>
 *   <li>a step that gates the chair is still due (contact, a gating form, a consent): {@code ARRIVED};</li>
 *   <li>all done, a block flag open: {@code NEEDS_REVIEW};</li>
 *   <li>all done, no block open: {@code READY}.</li>
 * </ul>
 * Once in a chair the decision is the chair's (the gate before the infusion checks the flags again).
 */
public final class Readiness {
    private static final Set<VisitState> BEFORE_CHAIR = EnumSet.of(VisitState.ARRIVED, VisitState.NEEDS_REVIEW, VisitState.READY);

    /** What the decision needs to know of a visit, from its check-in steps and its screening. */
    public interface Facts {
        /** Every step of the visit type that gates the chair is done (or not due). */
        boolean stepsDone(Visit visit);

        /** A block flag is open: not yet cleared by a clinician. */
        boolean blocked(long visitId);
    }

    private final VisitService visits;
    private final Facts facts;

    public Readiness(VisitService visits, Facts facts) {
        this.visits = visits;
        this.facts = facts;
    }

    /** Where a visit in {@code now} belongs; a visit past the check-in stays where it is. */
    public static VisitState target(VisitState now, boolean stepsDone, boolean blocked) {
        if (!BEFORE_CHAIR.contains(now)) {
            return now;
        }
        if (!stepsDone) {
            return VisitState.ARRIVED;
        }
        return blocked ? VisitState.NEEDS_REVIEW : VisitState.READY;
    }

    /** Moves the visit where it belongs now (inside the caller's transaction when there is one). */
    public Optional<Visit> settle(long visitId, Actor actor) {
        Optional<Visit> found = visits.byId(visitId);
        if (found.isEmpty()) {
            return found;
        }
        Visit visit = found.get();
        VisitState now = visit.state();
        if (!BEFORE_CHAIR.contains(now)) {
            return found;
        }
        boolean done = facts.stepsDone(visit);
        boolean blocked = done && facts.blocked(visitId);
        VisitState target = target(now, done, blocked);
        if (target == now) {
            return found;
        }
        String reason = target == VisitState.NEEDS_REVIEW ? "open block flag"
                : target == VisitState.ARRIVED ? "a step is due again" : null;
        return visits.move(visit.appointmentId(), now, target, actor, reason, null).visit();
    }
}
