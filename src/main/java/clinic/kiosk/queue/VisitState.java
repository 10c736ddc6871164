package clinic.kiosk.queue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A visit's states and the one table of allowed transitions. {@code EXPECTED} is never stored: a booked
 * appointment of today without a visit is expected.
 */
public enum VisitState {
    EXPECTED, ARRIVED, NEEDS_REVIEW, READY, SEATED, INFUSING, RECOVERING, WAITING_FOR_ESCORT, IN_ROOM, HELD,
    DISCHARGED, CANCELLED, NO_SHOW, LEFT;

    private static final Map<VisitState, Set<VisitState>> ALLOWED = Map.ofEntries(
            Map.entry(EXPECTED, EnumSet.of(ARRIVED, NO_SHOW, CANCELLED)),
            Map.entry(ARRIVED, EnumSet.of(READY, NEEDS_REVIEW, LEFT, CANCELLED)),
            // An open block flag: only a clinician's clearing frees it. A step asked again (a voided consent or
            // response, a form a new answer asks for) sends a visit back to ARRIVED until it is done.
            Map.entry(NEEDS_REVIEW, EnumSet.of(READY, ARRIVED, LEFT, CANCELLED)),
            Map.entry(READY, EnumSet.of(NEEDS_REVIEW, ARRIVED, SEATED, IN_ROOM, LEFT, CANCELLED)),
            // Seated but not infused: held with a reason (the patient declining is a hold too).
            Map.entry(SEATED, EnumSet.of(INFUSING, HELD)),
            // Ending the infusion, at its time or stopped early, starts the recovery in the chair.
            Map.entry(INFUSING, EnumSet.of(RECOVERING)),
            // Discharge by criteria; or out to the lounge to wait for the escort; or gone against advice.
            Map.entry(RECOVERING, EnumSet.of(DISCHARGED, WAITING_FOR_ESCORT, LEFT)),
            Map.entry(WAITING_FOR_ESCORT, EnumSet.of(DISCHARGED, LEFT)),
            Map.entry(IN_ROOM, EnumSet.of(DISCHARGED, LEFT)),
            // A patient marked no-show who turns up after all can still be checked in.
            Map.entry(NO_SHOW, EnumSet.of(ARRIVED)),
            Map.entry(HELD, EnumSet.noneOf(VisitState.class)),
            Map.entry(DISCHARGED, EnumSet.noneOf(VisitState.class)),
            Map.entry(CANCELLED, EnumSet.noneOf(VisitState.class)),
            Map.entry(LEFT, EnumSet.noneOf(VisitState.class)));

    /** The states where the visit holds a chair or a room. */
    private static final Set<VisitState> IN_PLACE = EnumSet.of(SEATED, INFUSING, RECOVERING, IN_ROOM);

    /** Every state by its name, for the templates ({@code states.READY}). */
    public static Map<String, VisitState> byName() {
        Map<String, VisitState> all = new java.util.LinkedHashMap<>();
        for (VisitState s : values()) {
            all.put(s.name(), s);
        }
        return java.util.Collections.unmodifiableMap(all);
    }

    public boolean canMoveTo(VisitState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Over for today: the Done column; nothing more happens to the visit. */
    public boolean finished() {
        return ALLOWED.get(this).isEmpty() || this == NO_SHOW;
    }

    /** In a chair or a room now. */
    public boolean holdsPlace() {
        return IN_PLACE.contains(this);
    }

    /** In the clinic's care after the check-in: vitals may be recorded. */
    public boolean inCare() {
        return holdsPlace() || this == WAITING_FOR_ESCORT;
    }
}
