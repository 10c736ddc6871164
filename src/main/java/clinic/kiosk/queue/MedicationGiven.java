package clinic.kiosk.queue;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One medication given at a visit, as recorded: the infusion (its dose per kg, the weight it was worked out from,
 * over how long) or an adjunct; route, lot, who prepared it and who gave it; when it started and ended. A wrong entry
 * is voided, never changed.
 */
public record MedicationGiven(long id, long visitId, String medicationId, String name, String codeSystem, String code,
                              String kind, BigDecimal doseMgPerKg, BigDecimal weightKg, BigDecimal doseMg, String route,
                              Integer overMinutes, String lot, String preparedBy, String givenBy, Long givenById,
                              Instant recordedAt, Instant startedAt, Instant endedAt, Instant voidedAt, String voidedBy,
                              String voidReason) {
    public boolean infusion() {
        return kind.equals("infusion");
    }

    public boolean voided() {
        return voidedAt != null;
    }

    /** "0.5 mg/kg × 70.5 kg = 35.3 mg IV over 40 min", "4 mg IV". */
    public String describe() {
        String dose = doseMgPerKg != null
                ? plain(doseMgPerKg) + " mg/kg × " + weightKg.toPlainString() + " kg = "
                + plain(doseMg) + " mg" : plain(doseMg) + " mg";
        return dose + " " + route + (overMinutes == null ? "" : " over " + overMinutes + " min");
    }

    private static String plain(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }
}
