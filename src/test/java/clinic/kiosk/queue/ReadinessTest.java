package clinic.kiosk.queue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one decision of readiness, on every combination of where a visit is and what it still needs. */
class ReadinessTest {
    @ParameterizedTest(name = "{0}, steps done {1}, blocked {2}: {3}")
    @CsvSource({
            "ARRIVED,false,false,ARRIVED",
            "ARRIVED,false,true,ARRIVED",
            "ARRIVED,true,false,READY",
            "ARRIVED,true,true,NEEDS_REVIEW",
            "READY,true,false,READY",
            "READY,true,true,NEEDS_REVIEW",
            "READY,false,false,ARRIVED",
            "NEEDS_REVIEW,true,true,NEEDS_REVIEW",
            "NEEDS_REVIEW,true,false,READY",
            "NEEDS_REVIEW,false,true,ARRIVED",
    })
    void where_a_visit_before_the_chair_belongs(VisitState now, boolean stepsDone, boolean blocked, VisitState target) {
        assertEquals(target, Readiness.target(now, stepsDone, blocked));
        assertEquals(true, now == target || now.canMoveTo(target), "a legal move");
    }

    @ParameterizedTest
    @EnumSource(value = VisitState.class, names = {"EXPECTED", "SEATED", "INFUSING", "RECOVERING", "WAITING_FOR_ESCORT",
            "IN_ROOM", "HELD", "DISCHARGED", "CANCELLED", "NO_SHOW", "LEFT"})
    void past_the_check_in_the_decision_is_not_readinesss(VisitState now) {
        for (boolean done : new boolean[] {true, false}) {
            for (boolean blocked : new boolean[] {true, false}) {
                assertEquals(now, Readiness.target(now, done, blocked));
            }
        }
    }
}
