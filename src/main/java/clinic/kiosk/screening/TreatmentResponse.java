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

    /** "PHQ-9 21 → 9 (−12, −57 %, response)": baseline, now, the change, and response and remission once reached. */
    public String line() {
        if (points.size() < 2) {
            return "PHQ-9 " + baseline + " (baseline)";
        }
        List<String> parts = new java.util.ArrayList<>();
        parts.add(signed(change));
        if (percent != null) {
            parts.add(signed(percent) + " %");
        }
        if (response) {
            parts.add("response");
        }
        if (remission) {
            parts.add("remission");
        }
        return "PHQ-9 " + baseline + " → " + latest + " (" + String.join(", ", parts) + ")";
    }

    private static String signed(int n) {
        return n > 0 ? "+" + n : n < 0 ? "−" + -n : "±0";
    }

    /** The totals as a chart in a 300 x 120 frame (0 at the bottom, 27 at the top), with a text for screen readers. */
    public record Chart(String points, List<Dot> dots, String description) {}

    public record Dot(int x, int y, String label) {}

    public Chart chart() {
        List<Dot> dots = new java.util.ArrayList<>();
        int n = points.size();
        for (int i = 0; i < n; i++) {
            PastResponse p = points.get(i);
            int x = n == 1 ? 150 : 20 + i * 260 / (n - 1);
            int y = 110 - p.total() * 100 / 27;
            dots.add(new Dot(x, y, p.visitDate() + ": " + p.total()));
        }
        String line = String.join(" ", dots.stream().map(d -> d.x() + "," + d.y()).toList());
        return new Chart(line, dots, "PHQ-9 over the course: " + String.join(", ", dots.stream().map(Dot::label).toList()));
    }
}
