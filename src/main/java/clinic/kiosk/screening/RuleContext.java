package clinic.kiosk.screening;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the rules see of a visit: the current answers of each form, whether the patient has no escort, when their
 * last infusion was, the time now, the clinic's thresholds, and how to show a time to staff.
 */
public record RuleContext(Map<String, Answers> forms, boolean noEscort, Optional<Instant> lastInfusion, Instant now,
                          Map<String, Integer> thresholds, Function<Instant, String> showTime) {
    public Optional<Answers> form(String id) {
        return Optional.ofNullable(forms.get(id));
    }
}
