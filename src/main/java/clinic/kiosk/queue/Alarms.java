package clinic.kiosk.queue;

import clinic.kiosk.config.KioskConfig.CallThresholds;

import java.util.ArrayList;
import java.util.List;

/**
 * Stop and call: which values of a reading are past the clinic's thresholds. Each is a block flag on every board
 * with what was measured; the chair sheet says what to do. A value exactly at a "below" or "above" limit is not
 * past it; "at or above" includes the limit (180/110 stops at 180 systolic or 110 diastolic).
 */
public final class Alarms {
    /** One value past its threshold: the flag's code, what was measured and the threshold it passed. */
    public record Alarm(String code, String measured, String threshold) {}

    private Alarms() {
    }

    public static List<Alarm> of(Vitals.Reading r, CallThresholds t) {
        List<Alarm> alarms = new ArrayList<>();
        if (r.systolic() >= t.systolicAtOrAbove() || r.diastolic() >= t.diastolicAtOrAbove()) {
            alarms.add(new Alarm("vitals-blood-pressure", "Blood pressure " + r.pressure(),
                    t.systolicAtOrAbove() + "/" + t.diastolicAtOrAbove() + " or higher"));
        }
        if (r.heartRate() > t.heartRateAbove() || r.heartRate() < t.heartRateBelow()) {
            alarms.add(new Alarm("vitals-heart-rate", "Heart rate " + r.heartRate(),
                    "above " + t.heartRateAbove() + " or below " + t.heartRateBelow()));
        }
        if (r.spo2() < t.spo2Below()) {
            alarms.add(new Alarm("vitals-spo2", "SpO2 " + r.spo2() + "%", "below " + t.spo2Below() + "%"));
        }
        if (r.respiratoryRate() < t.respiratoryRateBelow()) {
            alarms.add(new Alarm("vitals-respiratory-rate", "Respiratory rate " + r.respiratoryRate(),
                    "below " + t.respiratoryRateBelow()));
        }
        if (r.sedation() <= t.sedationAtOrBelow()) {
            alarms.add(new Alarm("vitals-sedation", "Sedation RASS " + r.sedation(),
                    "RASS " + t.sedationAtOrBelow() + " or deeper"));
        }
        return alarms;
    }
}
