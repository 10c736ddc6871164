package clinic.kiosk.queue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A visit's states and the one table of allowed transitions. {@code EXPECTED} is never stored: a booked
 * appointment of today without a visit is expected. Later capabilities add the chair states here.
 */
public enum VisitState {
    EXPECTED, ARRIVED, NEEDS_REVIEW, READY, CANCELLED, NO_SHOW, LEFT;

    private static final Map<VisitState, Set<VisitState>> ALLOWED = Map.of(
            EXPECTED, EnumSet.of(ARRIVED, NO_SHOW, CANCELLED),
            ARRIVED, EnumSet.of(READY, NEEDS_REVIEW, LEFT, CANCELLED),
            // An open block flag: only a clinician's clearing (or the patient withdrawing the answer) frees it.
            NEEDS_REVIEW, EnumSet.of(READY, LEFT, CANCELLED),
            READY, EnumSet.of(NEEDS_REVIEW, LEFT, CANCELLED),
            // A patient marked no-show who turns up after all can still be checked in.
            NO_SHOW, EnumSet.of(ARRIVED),
            CANCELLED, EnumSet.noneOf(VisitState.class),
            LEFT, EnumSet.noneOf(VisitState.class));

    public boolean canMoveTo(VisitState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Over for today: the Done column. */
    public boolean finished() {
        return this == CANCELLED || this == NO_SHOW || this == LEFT;
    }
}
