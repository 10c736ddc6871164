package clinic.kiosk.queue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;

import static clinic.kiosk.queue.VisitState.ARRIVED;
import static clinic.kiosk.queue.VisitState.DISCHARGED;
import static clinic.kiosk.queue.VisitState.HELD;
import static clinic.kiosk.queue.VisitState.INFUSING;
import static clinic.kiosk.queue.VisitState.IN_ROOM;
import static clinic.kiosk.queue.VisitState.NEEDS_REVIEW;
import static clinic.kiosk.queue.VisitState.RECOVERING;
import static clinic.kiosk.queue.VisitState.SEATED;
import static clinic.kiosk.queue.VisitState.WAITING_FOR_ESCORT;
import static clinic.kiosk.queue.VisitState.CANCELLED;
import static clinic.kiosk.queue.VisitState.EXPECTED;
import static clinic.kiosk.queue.VisitState.LEFT;
import static clinic.kiosk.queue.VisitState.NO_SHOW;
import static clinic.kiosk.queue.VisitState.READY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VisitStateTest {
    /** The transitions the domain allows, written out independently of the enum's own table. */
    private static final java.util.Map<VisitState, EnumSet<VisitState>> LEGAL = java.util.Map.ofEntries(
            java.util.Map.entry(EXPECTED, EnumSet.of(ARRIVED, NO_SHOW, CANCELLED)),
            java.util.Map.entry(ARRIVED, EnumSet.of(READY, NEEDS_REVIEW, LEFT, CANCELLED)),
            // back to ARRIVED when a step gating the chair is asked again (a voided consent or response)
            java.util.Map.entry(NEEDS_REVIEW, EnumSet.of(READY, ARRIVED, LEFT, CANCELLED)),
            java.util.Map.entry(READY, EnumSet.of(NEEDS_REVIEW, ARRIVED, SEATED, IN_ROOM, LEFT, CANCELLED)),
            java.util.Map.entry(SEATED, EnumSet.of(INFUSING, HELD)),
            java.util.Map.entry(INFUSING, EnumSet.of(RECOVERING)),
            java.util.Map.entry(RECOVERING, EnumSet.of(DISCHARGED, WAITING_FOR_ESCORT, LEFT)),
            java.util.Map.entry(WAITING_FOR_ESCORT, EnumSet.of(DISCHARGED, LEFT)),
            java.util.Map.entry(IN_ROOM, EnumSet.of(DISCHARGED, LEFT)),
            java.util.Map.entry(NO_SHOW, EnumSet.of(ARRIVED)));

    /** Every pair of states: legal exactly when the domain says so; nothing leaves HELD, DISCHARGED, CANCELLED, LEFT. */
    @ParameterizedTest
    @EnumSource(VisitState.class)
    void every_legal_and_illegal_transition(VisitState from) {
        EnumSet<VisitState> legal = LEGAL.getOrDefault(from, EnumSet.noneOf(VisitState.class));
        for (VisitState to : VisitState.values()) {
            assertEquals(legal.contains(to), from.canMoveTo(to), from + " to " + to);
        }
    }

    @Test
    void the_infusion_cannot_be_skipped_or_repeated() {
        assertFalse(READY.canMoveTo(INFUSING), "seated first: vitals and the gate");
        assertFalse(SEATED.canMoveTo(RECOVERING));
        assertFalse(SEATED.canMoveTo(DISCHARGED), "a seated patient not infused is held, not discharged");
        assertFalse(RECOVERING.canMoveTo(INFUSING));
        assertFalse(INFUSING.canMoveTo(DISCHARGED), "recovery is observed before discharge");
        assertFalse(WAITING_FOR_ESCORT.canMoveTo(RECOVERING), "the chair was freed");
        assertFalse(NEEDS_REVIEW.canMoveTo(SEATED), "an open block never reaches a chair");
    }

    @Test
    void nothing_goes_back_to_expected_or_skips_arrival() {
        for (VisitState s : VisitState.values()) {
            assertFalse(s.canMoveTo(EXPECTED), s + " to EXPECTED");
        }
        assertFalse(EXPECTED.canMoveTo(READY));
    }

    @Test
    void finished_states_are_the_done_column() {
        assertTrue(CANCELLED.finished() && NO_SHOW.finished() && LEFT.finished() && HELD.finished() && DISCHARGED.finished());
        assertFalse(EXPECTED.finished() || ARRIVED.finished() || READY.finished() || SEATED.finished()
                || INFUSING.finished() || RECOVERING.finished() || WAITING_FOR_ESCORT.finished() || IN_ROOM.finished());
        assertTrue(SEATED.holdsPlace() && INFUSING.holdsPlace() && RECOVERING.holdsPlace() && IN_ROOM.holdsPlace());
        assertFalse(WAITING_FOR_ESCORT.holdsPlace(), "the lounge frees the chair");
        assertTrue(WAITING_FOR_ESCORT.inCare());
    }

    @Test
    void ticket_codes_are_short_and_grow_to_thousands() {
        assertEquals("K-07", Tickets.code(7));
        assertEquals("K-99", Tickets.code(99));
        assertEquals("K-123", Tickets.code(123));
        assertEquals("K-4321", Tickets.code(4321));
        assertThrows(IllegalArgumentException.class, () -> Tickets.code(0));
    }

    @Test
    void an_escort_needs_a_name_a_phone_and_for_returns_a_time() {
        assertThrows(IllegalArgumentException.class, () -> new Escort("", "555", Escort.Plan.STAYS, null));
        assertThrows(IllegalArgumentException.class, () -> new Escort("Maria", "555-0101", Escort.Plan.RETURNS, null));
        Escort none = new Escort("ignored", "ignored", Escort.Plan.NONE, null);
        assertEquals(null, none.name());
    }

}
