package clinic.kiosk.queue;

import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig.CallThresholds;
import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stop and call, on the shipped thresholds (systolic >= 180 or diastolic >= 110, HR > 120 or < 50, SpO2 < 92 %,
 * RR < 10, RASS -4 or deeper): each threshold on both sides of its limit.
 */
class AlarmsTest {
    private static final CallThresholds SHIPPED = ConfigLoader.load(TestApp.shippedConfig()).chairCare().call();

    /** A calm reading with one value changed. */
    private static List<String> codes(int systolic, int diastolic, int heartRate, int spo2, int rr, int rass) {
        return Alarms.of(new Vitals.Reading(systolic, diastolic, heartRate, spo2, rr, rass, 0, null), SHIPPED).stream()
                .map(Alarms.Alarm::code).toList();
    }

    @Test
    void the_shipped_thresholds_are_the_common_ketamine_protocol() {
        assertEquals(new CallThresholds(180, 110, 120, 50, 92, 10, -4), SHIPPED);
    }

    @Test
    void a_calm_reading_raises_nothing() {
        assertEquals(List.of(), codes(124, 78, 72, 98, 14, 0));
    }

    @Test
    void blood_pressure_stops_at_180_systolic_or_110_diastolic() {
        assertEquals(List.of(), codes(179, 109, 72, 98, 14, 0));
        assertEquals(List.of("vitals-blood-pressure"), codes(180, 100, 72, 98, 14, 0));
        assertEquals(List.of("vitals-blood-pressure"), codes(170, 110, 72, 98, 14, 0));
    }

    @Test
    void heart_rate_stops_above_120_and_below_50() {
        assertEquals(List.of(), codes(124, 78, 120, 98, 14, 0));
        assertEquals(List.of("vitals-heart-rate"), codes(124, 78, 121, 98, 14, 0));
        assertEquals(List.of(), codes(124, 78, 50, 98, 14, 0));
        assertEquals(List.of("vitals-heart-rate"), codes(124, 78, 49, 98, 14, 0));
    }

    @Test
    void spo2_stops_below_92() {
        assertEquals(List.of(), codes(124, 78, 72, 92, 14, 0));
        assertEquals(List.of("vitals-spo2"), codes(124, 78, 72, 91, 14, 0));
    }

    @Test
    void respiratory_rate_stops_below_10() {
        assertEquals(List.of(), codes(124, 78, 72, 98, 10, 0));
        assertEquals(List.of("vitals-respiratory-rate"), codes(124, 78, 72, 98, 9, 0));
    }

    @Test
    void deep_sedation_stops_at_rass_minus_4_and_moderate_does_not() {
        assertEquals(List.of(), codes(124, 78, 72, 98, 14, -3));
        assertEquals(List.of("vitals-sedation"), codes(124, 78, 72, 98, 14, -4));
        assertEquals(List.of("vitals-sedation"), codes(124, 78, 72, 98, 14, -5));
        assertEquals(List.of(), codes(124, 78, 72, 98, 14, 4), "agitation is an in-chair event, not a sedation alarm");
    }

    @Test
    void every_value_past_its_threshold_is_its_own_alarm_with_what_was_measured() {
        List<Alarms.Alarm> alarms = Alarms.of(new Vitals.Reading(190, 115, 130, 85, 8, -4, 0, null), SHIPPED);
        assertEquals(List.of("vitals-blood-pressure", "vitals-heart-rate", "vitals-spo2", "vitals-respiratory-rate",
                "vitals-sedation"), alarms.stream().map(Alarms.Alarm::code).toList());
        assertEquals("Blood pressure 190/115", alarms.get(0).measured());
        assertEquals("180/110 or higher", alarms.get(0).threshold());
        assertEquals("SpO2 85%", alarms.get(2).measured());
        assertTrue(CallThresholds.FLAG_CODES.containsAll(alarms.stream().map(Alarms.Alarm::code).toList()));
    }
}
