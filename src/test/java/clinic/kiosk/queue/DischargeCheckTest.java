package clinic.kiosk.queue;

import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig.DischargePolicy;
import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discharge by criteria on the shipped policy (30 minutes after the infusion; the last recovery reading below 160/100,
 * HR 50 to 110, SpO2 at least 94, RR at least 10; sedation and dissociation back to baseline; walking, nausea,
 * oriented and instructions ticked; an escort with a real name): each criterion on both sides.
 */
class DischargeCheckTest {
    private static final DischargePolicy SHIPPED = ConfigLoader.load(TestApp.shippedConfig()).discharge();
    private static final Instant END = Instant.parse("2026-11-25T16:00:00Z");
    private static final DischargeCheck.Ticked ALL = new DischargeCheck.Ticked(true, true, true, true);

    private static Vitals vitals(String phase, Instant at, int systolic, int diastolic, int heartRate, int spo2, Integer rr,
                                 Integer rass, Integer dissociation) {
        return new Vitals(0, 1, at, phase, systolic, diastolic, heartRate, spo2, rr, rass, dissociation,
                phase.equals("before") ? new BigDecimal("70.0") : null, "Nina Nurse");
    }

    private static final Vitals BASELINE = vitals("before", END.minus(Duration.ofMinutes(50)), 128, 82, 72, 98, 14, 0, 0);

    private static List<String> missing(List<Vitals> readings, Instant now, DischargeCheck.Ticked ticked, String escort,
                                        boolean alarmOpen) {
        return DischargeCheck.missing(DischargeCheck.check(new DischargeCheck.Facts(Optional.of(END), readings, alarmOpen,
                Optional.ofNullable(escort), now), ticked, SHIPPED));
    }

    private static List<String> missingWith(Vitals recovery) {
        return missing(List.of(BASELINE, recovery), END.plus(Duration.ofMinutes(45)), ALL, "Luis Rivera", false);
    }

    private static Vitals after(int systolic, int diastolic, int heartRate, int spo2, int rr, int rass, int dissociation) {
        return vitals("after", END.plus(Duration.ofMinutes(40)), systolic, diastolic, heartRate, spo2, rr, rass, dissociation);
    }

    @Test
    void all_met_is_nothing_missing() {
        assertEquals(List.of(), missingWith(after(130, 84, 76, 97, 14, 0, 0)));
    }

    @Test
    void the_observation_is_30_minutes_after_the_infusion_ends() {
        Vitals recovery = vitals("after", END.plus(Duration.ofMinutes(20)), 124, 78, 70, 98, 14, 0, 0);
        assertEquals(List.of("observation"), missing(List.of(BASELINE, recovery), END.plus(Duration.ofMinutes(29)), ALL, "Luis Rivera", false));
        assertEquals(List.of(), missing(List.of(BASELINE, recovery), END.plus(Duration.ofMinutes(30)), ALL, "Luis Rivera", false));
        List<String> notEnded = DischargeCheck.missing(DischargeCheck.check(new DischargeCheck.Facts(Optional.empty(),
                List.of(BASELINE), false, Optional.of("Luis Rivera"), END), ALL, SHIPPED));
        assertTrue(notEnded.contains("observation"), "no end of infusion: never observed long enough");
    }

    @Test
    void recovery_vitals_must_be_taken_after_the_end_and_within_every_limit() {
        assertEquals(List.of("vitals", "sedation"), missing(List.of(BASELINE), END.plus(Duration.ofMinutes(45)), ALL,
                "Luis Rivera", false), "no reading since the infusion ended");
        assertEquals(List.of(), missingWith(after(159, 99, 110, 94, 10, 0, 0)));
        assertEquals(List.of("vitals"), missingWith(after(160, 90, 80, 97, 14, 0, 0)));
        assertEquals(List.of("vitals"), missingWith(after(150, 100, 80, 97, 14, 0, 0)));
        assertEquals(List.of("vitals"), missingWith(after(130, 80, 111, 97, 14, 0, 0)));
        assertEquals(List.of(), missingWith(after(130, 80, 50, 97, 14, 0, 0)));
        assertEquals(List.of("vitals"), missingWith(after(130, 80, 49, 97, 14, 0, 0)));
        assertEquals(List.of("vitals"), missingWith(after(130, 80, 80, 93, 14, 0, 0)));
        assertEquals(List.of("vitals"), missingWith(after(130, 80, 80, 97, 9, 0, 0)));
    }

    @Test
    void the_last_recovery_reading_counts_and_an_open_vitals_alarm_keeps_vitals_missing() {
        List<Vitals> readings = new ArrayList<>(List.of(BASELINE, after(170, 104, 80, 97, 14, 0, 0)));
        readings.add(vitals("after", END.plus(Duration.ofMinutes(44)), 134, 86, 78, 97, 14, 0, 0));
        Instant now = END.plus(Duration.ofMinutes(45));
        assertEquals(List.of(), missing(readings, now, ALL, "Luis Rivera", false));
        assertEquals(List.of("vitals"), missing(readings, now, ALL, "Luis Rivera", true), "a clinician has not cleared the alarm");
    }

    @Test
    void sedation_and_dissociation_must_be_back_to_baseline() {
        assertEquals(List.of("sedation"), missingWith(after(124, 78, 70, 98, 14, -1, 0)));
        assertEquals(List.of("sedation"), missingWith(after(124, 78, 70, 98, 14, 1, 0)), "restless is not calm either");
        assertEquals(List.of("sedation"), missingWith(after(124, 78, 70, 98, 14, 0, 1)));
        Vitals drowsyBaseline = vitals("before", END.minus(Duration.ofMinutes(50)), 128, 82, 72, 98, 14, -1, 1);
        assertEquals(List.of(), missing(List.of(drowsyBaseline, after(124, 78, 70, 98, 14, -1, 1)),
                END.plus(Duration.ofMinutes(45)), ALL, "Luis Rivera", false), "her baseline was drowsy");
        Vitals oldReading = new Vitals(0, 1, END.plus(Duration.ofMinutes(40)), "after", 124, 78, 70, 98, null, null, null, null, "Nina");
        assertTrue(missing(List.of(BASELINE, oldReading), END.plus(Duration.ofMinutes(45)), ALL, "Luis Rivera", false)
                .contains("sedation"), "a reading without a sedation score cannot show it");
    }

    @Test
    void each_tick_is_its_own_criterion() {
        Vitals ok = after(124, 78, 70, 98, 14, 0, 0);
        Instant now = END.plus(Duration.ofMinutes(45));
        assertEquals(List.of("walking"), missing(List.of(BASELINE, ok), now, new DischargeCheck.Ticked(false, true, true, true), "Luis Rivera", false));
        assertEquals(List.of("nausea"), missing(List.of(BASELINE, ok), now, new DischargeCheck.Ticked(true, false, true, true), "Luis Rivera", false));
        assertEquals(List.of("oriented"), missing(List.of(BASELINE, ok), now, new DischargeCheck.Ticked(true, true, false, true), "Luis Rivera", false));
        assertEquals(List.of("instructions"), missing(List.of(BASELINE, ok), now, new DischargeCheck.Ticked(true, true, true, false), "Luis Rivera", false));
    }

    @Test
    void the_escort_must_be_present_and_named_with_a_real_name() {
        Vitals ok = after(124, 78, 70, 98, 14, 0, 0);
        Instant now = END.plus(Duration.ofMinutes(45));
        assertEquals(List.of("escort"), missing(List.of(BASELINE, ok), now, ALL, null, false));
        assertEquals(List.of("escort"), missing(List.of(BASELINE, ok), now, ALL, "x", false));
        assertEquals(List.of("escort"), missing(List.of(BASELINE, ok), now, ALL, "M.", false));
        assertEquals(List.of("escort"), missing(List.of(BASELINE, ok), now, ALL, "7 7", false));
        assertEquals(List.of(), missing(List.of(BASELINE, ok), now, ALL, "Jo", false));
        assertTrue(DischargeCheck.realName("José Núñez"));
        assertFalse(DischargeCheck.realName("  "));
    }
}
