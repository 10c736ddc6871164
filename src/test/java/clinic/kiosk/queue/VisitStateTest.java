package clinic.kiosk.queue;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static clinic.kiosk.queue.VisitState.ARRIVED;
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
    @Test
    void the_transition_table() {
        assertEquals(EnumSet.of(ARRIVED, NO_SHOW, CANCELLED), allowedFrom(EXPECTED));
        assertEquals(EnumSet.of(READY, VisitState.NEEDS_REVIEW, LEFT, CANCELLED), allowedFrom(ARRIVED));
        assertEquals(EnumSet.of(READY, LEFT, CANCELLED), allowedFrom(VisitState.NEEDS_REVIEW));
        assertEquals(EnumSet.of(VisitState.NEEDS_REVIEW, LEFT, CANCELLED), allowedFrom(READY));
        assertEquals(EnumSet.of(ARRIVED), allowedFrom(NO_SHOW), "a no-show who turns up after all can check in");
        assertEquals(EnumSet.noneOf(VisitState.class), allowedFrom(CANCELLED));
        assertEquals(EnumSet.noneOf(VisitState.class), allowedFrom(LEFT));
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
        assertTrue(CANCELLED.finished() && NO_SHOW.finished() && LEFT.finished());
        assertFalse(EXPECTED.finished() || ARRIVED.finished() || READY.finished());
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

    private static EnumSet<VisitState> allowedFrom(VisitState from) {
        EnumSet<VisitState> allowed = EnumSet.noneOf(VisitState.class);
        for (VisitState to : VisitState.values()) {
            if (from.canMoveTo(to)) {
                allowed.add(to);
            }
        }
        return allowed;
    }
}
