package clinic.kiosk.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/** An expected patient is late once past their time plus the grace period; the board says by how much. */
final class Lateness {
    private Lateness() {}

    /** Whole minutes since the appointment time, when past the grace period. */
    static OptionalLong minutesLate(Instant appointment, Instant now, Duration grace) {
        if (!now.isAfter(appointment.plus(grace))) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Duration.between(appointment, now).toMinutes());
    }
}
