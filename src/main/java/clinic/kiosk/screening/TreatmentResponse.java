package clinic.kiosk.screening;

import java.util.List;
import java.util.Optional;

/**
 * How depression has answered treatment over a course: the PHQ-9 at the start (the baseline) and now, the change,
 * a response (a drop of 50 % or more from baseline) and remission (a total below 5), and every total in between for
 * the chart. Each total is of a PHQ-9 whose nine items were all answered.
 */
public record TreatmentResponse(int baseline, int latest, int change, Integer percent, boolean response,
                                boolean remission, List<PastResponse> points) {
    public TreatmentResponse {
        points = List.copyOf(points);
    }

    /** From the course's scored PHQ-9s, oldest first; empty without a baseline and a later one. */
    public static Optional<TreatmentResponse> of(List<PastResponse> course) {
        List<PastResponse> scored = course.stream().filter(p -> p.total() != null).toList();
        if (scored.isEmpty()) {
            return Optional.empty();
        }
        int baseline = scored.get(0).total();
        int latest = scored.get(scored.size() - 1).total();
        Integer percent = baseline == 0 ? null : Math.round((latest - baseline) * 100f / baseline);
        boolean response = scored.size() > 1 && baseline > 0 && latest * 2 <= baseline;
        boolean remission = scored.size() > 1 && latest < 5;
        return Optional.of(new TreatmentResponse(baseline, latest, latest - baseline, percent, response, remission, scored));
    }

    /** "PHQ-9 21 → 9 (−57 %, response)", for the board's course line. */
    public String line() {
        if (points.size() < 2) {
            return "PHQ-9 " + baseline + " (baseline)";
        }
        String pct = percent == null ? "" : " (" + (percent > 0 ? "+" : percent < 0 ? "−" : "±") + Math.abs(percent) + " %"
                + (remission ? ", remission" : response ? ", response" : "") + ")";
        if (percent == null && (remission || response)) {
            pct = remission ? " (remission)" : " (response)";
        }
        return "PHQ-9 " + baseline + " → " + latest + pct;
    }
}
