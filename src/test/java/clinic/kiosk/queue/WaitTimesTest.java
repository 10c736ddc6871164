package clinic.kiosk.queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitTimesTest {
    private static Duration min(long m) {
        return Duration.ofMinutes(m);
    }

    @Test
    void each_patient_takes_the_place_that_frees_first_and_keeps_it_for_the_turnover() {
        List<Duration> waits = WaitTimes.estimate(List.of(min(0), min(20), min(45)), min(75), 5);
        // 0 (free), 20, 45, then the free one again after 75, then the 20 one after 75
        assertEquals(List.of(min(0), min(20), min(45), min(75), min(95)), waits);
    }

    @Test
    void no_place_gives_no_estimate_and_nobody_waiting_gives_none() {
        assertTrue(WaitTimes.estimate(List.of(), min(70), 3).isEmpty());
        assertTrue(WaitTimes.estimate(List.of(min(5)), min(70), 0).isEmpty());
    }

    @Test
    void a_place_frees_up_by_its_occupants_timer_and_never_in_the_past() {
        Duration prep = min(10);
        Duration infusion = min(40);
        Duration recovery = min(20);
        Duration cleaning = min(5);
        assertEquals(min(0), WaitTimes.freeIn(WaitTimes.Phase.FREE, min(3), prep, infusion, recovery, cleaning, min(0)));
        assertEquals(min(2), WaitTimes.freeIn(WaitTimes.Phase.CLEANING, min(3), prep, infusion, recovery, cleaning, min(0)));
        assertEquals(min(71), WaitTimes.freeIn(WaitTimes.Phase.SEATED, min(4), prep, infusion, recovery, cleaning, min(0)));
        assertEquals(min(65), WaitTimes.freeIn(WaitTimes.Phase.SEATED, min(30), prep, infusion, recovery, cleaning, min(0)),
                "preparation running long: still infusion, recovery and cleaning to come");
        assertEquals(min(40), WaitTimes.freeIn(WaitTimes.Phase.INFUSING, min(25), prep, infusion, recovery, cleaning, min(0)));
        assertEquals(min(5), WaitTimes.freeIn(WaitTimes.Phase.RECOVERING, min(50), prep, infusion, recovery, cleaning, min(0)));
        assertEquals(min(30), WaitTimes.freeIn(WaitTimes.Phase.IN_ROOM, min(60), prep, infusion, recovery, cleaning, min(90)));
    }
}
