package clinic.kiosk.screening;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Treatment response over a course: baseline, change, response (a drop of 50 % or more) and remission (below 5). */
class TreatmentResponseTest {
    private static List<PastResponse> course(Integer... totals) {
        List<PastResponse> out = new ArrayList<>();
        for (int i = 0; i < totals.length; i++) {
            LocalDate day = LocalDate.parse("2026-11-02").plusDays(i * 2L);
            out.add(new PastResponse(i + 1, i + 1, "phq-9", totals[i], null, Instant.parse(day + "T15:00:00Z"), "C1",
                    i + 1, 6, day));
        }
        return out;
    }

    private static TreatmentResponse of(Integer... totals) {
        return TreatmentResponse.of(course(totals)).orElseThrow();
    }

    @Test
    void nothing_scored_is_no_response_and_one_total_is_the_baseline() {
        assertEquals(Optional.empty(), TreatmentResponse.of(List.of()));
        assertEquals(Optional.empty(), TreatmentResponse.of(course((Integer) null)), "an incomplete PHQ-9 has no total");
        TreatmentResponse first = of(21);
        assertEquals("PHQ-9 21 (baseline)", first.line());
        assertFalse(first.response());
        assertFalse(first.remission());
    }

    @Test
    void a_drop_of_half_the_baseline_is_a_response_and_just_under_half_is_not() {
        TreatmentResponse half = of(20, 14, 10);
        assertEquals(-10, half.change());
        assertEquals(-50, half.percent());
        assertTrue(half.response());
        assertFalse(half.remission());
        assertEquals("PHQ-9 20 → 10 (−10, −50 %, response)", half.line());
        TreatmentResponse almost = of(21, 11);
        assertFalse(almost.response(), "11 is more than half of 21");
        assertEquals("PHQ-9 21 → 11 (−10, −48 %)", almost.line());
    }

    @Test
    void below_5_is_remission() {
        TreatmentResponse four = of(18, 4);
        assertTrue(four.remission());
        assertTrue(four.response());
        assertEquals("PHQ-9 18 → 4 (−14, −78 %, response, remission)", four.line());
        assertFalse(of(18, 5).remission(), "5 is mild, not remission");
    }

    @Test
    void a_worse_score_shows_its_rise_and_a_zero_baseline_has_no_percent() {
        assertEquals("PHQ-9 12 → 15 (+3, +25 %)", of(12, 15).line());
        TreatmentResponse zero = of(0, 2);
        assertNull(zero.percent());
        assertEquals("PHQ-9 0 → 2 (+2, remission)", zero.line());
    }

    @Test
    void an_incomplete_total_in_between_is_left_out_of_the_course() {
        TreatmentResponse r = of(21, null, 9);
        assertEquals(2, r.points().size());
        assertEquals(9, r.latest());
    }

    @Test
    void the_chart_puts_27_at_the_top_and_0_at_the_bottom_with_a_text_for_screen_readers() {
        TreatmentResponse.Chart chart = of(27, 0).chart();
        assertEquals("20,10 280,110", chart.points());
        assertEquals("PHQ-9 over the course: 2026-11-02: 27, 2026-11-04: 0", chart.description());
        assertEquals("150,33", of(21).chart().points());
    }
}
