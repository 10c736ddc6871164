package clinic.kiosk.queue;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One set of vital signs as staff took them. {@code phase}: before, during or after the infusion. Weight is taken
 * before (dosing is per kg) and may be missing otherwise. Sedation is RASS (-5 to +4, 0 alert and calm), dissociation
 * a rating on the CADSS's anchors (0 not at all to 4 extremely); both, and the respiratory rate, are missing only
 * in readings taken before the chair sheet asked for them.
 */
public record Vitals(long id, long visitId, Instant takenAt, String phase, int systolic, int diastolic, int heartRate,
                     int spo2, Integer respiratoryRate, Integer sedation, Integer dissociation, BigDecimal weightKg,
                     String staffName) {

    /** The values a nurse enters, checked before anything is stored (the database checks the same bounds). */
    public record Reading(int systolic, int diastolic, int heartRate, int spo2, int respiratoryRate, int sedation,
                          int dissociation, BigDecimal weightKg) {
        public Reading {
            if (systolic < 50 || systolic > 300 || diastolic < 20 || diastolic > 200 || diastolic >= systolic
                    || heartRate < 20 || heartRate > 250 || spo2 < 50 || spo2 > 100
                    || respiratoryRate < 2 || respiratoryRate > 80 || sedation < -5 || sedation > 4
                    || dissociation < 0 || dissociation > 4
                    || (weightKg != null && (weightKg.compareTo(BigDecimal.valueOf(20)) < 0
                    || weightKg.compareTo(BigDecimal.valueOf(350)) > 0))) {
                throw new IllegalArgumentException("vital signs out of range");
            }
        }

        public String pressure() {
            return systolic + "/" + diastolic;
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
