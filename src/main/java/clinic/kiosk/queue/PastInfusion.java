package clinic.kiosk.queue;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An infusion at an earlier visit of the patient: when, its dose, and where it stood in the course. */
public record PastInfusion(LocalDate visitDate, String name, BigDecimal doseMgPerKg, BigDecimal weightKg, BigDecimal doseMg,
                           String route, Integer overMinutes, String courseId, Integer courseNumber, Integer courseLength) {}
