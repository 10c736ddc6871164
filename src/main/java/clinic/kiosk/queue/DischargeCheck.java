package clinic.kiosk.queue;

import clinic.kiosk.config.KioskConfig.DischargePolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Discharge by criteria, not by the clock, decided in one place: each criterion with whether it is met and what the
 * nurse needs to know. Discharge from a chair waits until every one is met, or a clinician overrides with a reason.
 */
public final class DischargeCheck {
    /** One criterion: its key (a message key under {@code discharge.criterion.}), whether it is met, and a detail. */
    public record Criterion(String key, boolean met, String detail) {}

    /** The criteria the nurse ticks, by key; the others are measured or recorded. */
    public static final List<String> TICKS = List.of("walking", "nausea", "oriented", "instructions");

    /** What the nurse ticks: the patient walks steadily, nausea is controlled, oriented, instructions given. */
    public record Ticked(boolean walking, boolean nausea, boolean oriented, boolean instructions) {}

    /** What the check reads of a visit in the chair or the lounge. */
    public record Facts(Optional<Instant> infusionEnded, List<Vitals> readings, boolean vitalsBlockOpen,
                        Optional<String> escortName, Instant now) {}

    private DischargeCheck() {
    }

    /** A name of a real person: at least two letters ("x" or "M." is not one). */
    public static boolean realName(String name) {
        return name != null && name.codePoints().filter(Character::isLetter).count() >= 2;
    }

    public static List<Criterion> check(Facts f, Ticked ticked, DischargePolicy p) {
        List<Criterion> out = new ArrayList<>();
        Optional<Instant> observedUntil = f.infusionEnded().map(end -> end.plus(p.minObservation()));
        boolean observed = observedUntil.map(u -> !f.now().isBefore(u)).orElse(false);
        out.add(new Criterion("observation", observed, observedUntil.map(Instant::toString).orElse("")));

        Optional<Vitals> baseline = f.readings().stream().filter(v -> v.phase().equals("before")).findFirst();
        Optional<Vitals> last = f.infusionEnded().flatMap(end -> f.readings().stream()
                .filter(v -> !v.takenAt().isBefore(end)).reduce((a, b) -> b));
        boolean within = last.map(v -> withinLimits(v, p)).orElse(false) && !f.vitalsBlockOpen();
        out.add(new Criterion("vitals", within, last.map(v -> v.pressure() + ", HR " + v.heartRate() + ", SpO2 "
                + v.spo2() + "%" + (v.respiratoryRate() == null ? "" : ", RR " + v.respiratoryRate())).orElse("")));

        boolean sedation = last.isPresent() && baseline.isPresent() && backToBaseline(last.get(), baseline.get());
        out.add(new Criterion("sedation", sedation, last.filter(v -> v.sedation() != null)
                .map(v -> "RASS " + v.sedation() + ", dissociation " + v.dissociation()
                        + baseline.filter(b -> b.sedation() != null).map(b -> " (baseline RASS " + b.sedation()
                        + ", dissociation " + b.dissociation() + ")").orElse("")).orElse("")));

        out.add(new Criterion("walking", ticked.walking(), ""));
        out.add(new Criterion("nausea", ticked.nausea(), ""));
        out.add(new Criterion("oriented", ticked.oriented(), ""));
        out.add(new Criterion("instructions", ticked.instructions(), ""));
        out.add(new Criterion("escort", f.escortName().map(DischargeCheck::realName).orElse(false),
                f.escortName().orElse("")));
        return out;
    }

    /** The last recovery reading within the discharge limits (every value it has). */
    static boolean withinLimits(Vitals v, DischargePolicy p) {
        return v.systolic() < p.systolicBelow() && v.diastolic() < p.diastolicBelow()
                && v.heartRate() >= p.heartRateFrom() && v.heartRate() <= p.heartRateTo()
                && v.spo2() >= p.spo2AtLeast()
                && v.respiratoryRate() != null && v.respiratoryRate() >= p.respiratoryRateAtLeast();
    }

    /** Sedation and dissociation no further from calm than before the infusion. */
    static boolean backToBaseline(Vitals last, Vitals baseline) {
        if (last.sedation() == null || last.dissociation() == null || baseline.sedation() == null
                || baseline.dissociation() == null) {
            return false;
        }
        return Math.abs(last.sedation()) <= Math.abs(baseline.sedation()) && last.dissociation() <= baseline.dissociation();
    }

    public static boolean allMet(List<Criterion> criteria) {
        return criteria.stream().allMatch(Criterion::met);
    }

    /** The criteria not met, as their keys: what the override's reason must answer. */
    public static List<String> missing(List<Criterion> criteria) {
        return criteria.stream().filter(c -> !c.met()).map(Criterion::key).toList();
    }

    /** Minutes left until the observation is met (0 once it is). */
    public static long minutesLeft(Facts f, DischargePolicy p) {
        return f.infusionEnded().map(end -> Math.max(0, Duration.between(f.now(), end.plus(p.minObservation())).toMinutes()))
                .orElse(p.minObservation().toMinutes());
    }
}
