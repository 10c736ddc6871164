package clinic.kiosk.desk;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatenessTest {
    private static final Instant NINE = Instant.parse("2026-11-26T14:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(15);

    @Test
    void not_late_until_past_the_grace_period() {
        assertEquals(OptionalLong.empty(), Lateness.minutesLate(NINE, NINE.minusSeconds(600), GRACE));
        assertEquals(OptionalLong.empty(), Lateness.minutesLate(NINE, NINE.plus(GRACE), GRACE));
    }

    @Test
    void then_late_by_the_minutes_since_the_appointment() {
        assertEquals(OptionalLong.of(15), Lateness.minutesLate(NINE, NINE.plus(GRACE).plusSeconds(1), GRACE));
        assertEquals(OptionalLong.of(42), Lateness.minutesLate(NINE, NINE.plusSeconds(42 * 60 + 30), GRACE));
        assertEquals(OptionalLong.of(1), Lateness.minutesLate(NINE, NINE.plusSeconds(61), Duration.ZERO));
    }
}
