package clinic.kiosk.queue;

import java.math.BigDecimal;
import java.time.Instant;

/** A weight and when it was taken: the last one is shown while the patient is seated (dosing is per kg). */
public record Weight(BigDecimal weightKg, Instant takenAt) {}
