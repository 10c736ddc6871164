package clinic.kiosk.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Waiting-time estimates: each waiting patient, in queue order, takes the place that frees up first; that place is
 * then busy for the usual time per patient. Places free up when their occupants' timers say so.
 */
public final class WaitTimes {
    private WaitTimes() {
    }

    /**
     * @param freeIn   for each place, how long until it is free (zero when free now)
     * @param turnover how long a place is busy per patient, cleaning included
     * @param waiting  how many are waiting, in queue order
     * @return each waiting patient's estimate, in queue order; empty estimates when there is no place at all
     */
    public static List<Duration> estimate(List<Duration> freeIn, Duration turnover, int waiting) {
        List<Duration> result = new ArrayList<>();
        if (freeIn.isEmpty()) {
            return result;
        }
        PriorityQueue<Duration> places = new PriorityQueue<>(freeIn);
        for (int i = 0; i < waiting; i++) {
            Duration next = places.poll();
            result.add(next);
            places.add(next.plus(turnover));
        }
        return result;
    }

    /** How long until a place is free, from its occupant's state and the time in it. */
    public static Duration freeIn(Phase phase, Duration elapsed, Duration preparation, Duration infusion,
                                  Duration recovery, Duration cleaning, Duration roomVisit) {
        return switch (phase) {
            case FREE -> Duration.ZERO;
            case CLEANING -> left(cleaning, elapsed);
            case SEATED -> left(preparation, elapsed).plus(infusion).plus(recovery).plus(cleaning);
            case INFUSING -> left(infusion, elapsed).plus(recovery).plus(cleaning);
            case RECOVERING -> left(recovery, elapsed).plus(cleaning);
            case IN_ROOM -> left(roomVisit, elapsed);
        };
    }

    /** What a place is doing, for the estimate. */
    public enum Phase { FREE, CLEANING, SEATED, INFUSING, RECOVERING, IN_ROOM }

    private static Duration left(Duration planned, Duration elapsed) {
        Duration left = planned.minus(elapsed);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
