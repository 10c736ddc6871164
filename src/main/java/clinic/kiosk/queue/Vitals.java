package clinic.kiosk.queue;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One set of vital signs as staff took them. {@code phase}: before, during or after the infusion. Weight is
 * taken before (dosing is per kg) and may be missing otherwise.
 */
public record Vitals(long id, long visitId, Instant takenAt, String phase, int systolic, int diastolic, int heartRate,
                     int spo2, BigDecimal weightKg, String staffName) {

    /** The values a nurse enters, checked before anything is stored (the database checks the same bounds). */
    public record Reading(int systolic, int diastolic, int heartRate, int spo2, BigDecimal weightKg) {
        public Reading {
            if (systolic < 50 || systolic > 300 || diastolic < 20 || diastolic > 200 || diastolic >= systolic
                    || heartRate < 20 || heartRate > 250 || spo2 < 50 || spo2 > 100
                    || (weightKg != null && (weightKg.compareTo(BigDecimal.valueOf(20)) < 0
                    || weightKg.compareTo(BigDecimal.valueOf(350)) > 0))) {
                throw new IllegalArgumentException("vital signs out of range");
            }
        }
    }

    /** Above the hold threshold: either number over its limit (140/90 means above 140 or above 90). */
    public boolean above(int holdSystolic, int holdDiastolic) {
        return systolic > holdSystolic || diastolic > holdDiastolic;
    }

    public String pressure() {
        return systolic + "/" + diastolic;
    }
}
