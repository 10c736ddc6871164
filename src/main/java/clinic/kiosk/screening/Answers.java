package clinic.kiosk.screening;

import clinic.kiosk.screening.Questionnaire.EnableWhen;
import clinic.kiosk.screening.Questionnaire.Item;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current answers of one response, read through the form: a question hidden by its enableWhen has no answer
 * (even if one was given before the patient changed an earlier answer), and only what is shown counts.
 */
public final class Answers {
    private final Questionnaire form;
    private final Map<String, List<Value>> values;
    private final Map<String, Instant> answeredAt;
    private final Map<String, Boolean> enabled = new HashMap<>();

    public Answers(Questionnaire form, Map<String, List<Value>> values, Map<String, Instant> answeredAt) {
        this.form = form;
        this.values = Map.copyOf(values);
        this.answeredAt = Map.copyOf(answeredAt);
    }

    public static Answers none(Questionnaire form) {
        return new Answers(form, Map.of(), Map.of());
    }

    public Questionnaire form() {
        return form;
    }

    public boolean enabled(Item item) {
        // Not computeIfAbsent: working out one item's enablement looks up others (recursively).
        Boolean known = enabled.get(item.linkId());
        if (known == null) {
            known = computeEnabled(item);
            enabled.put(item.linkId(), known);
        }
        return known;
    }

    private boolean computeEnabled(Item item) {
        Optional<Item> parent = form.items().stream().filter(p -> p.items().contains(item)).findFirst();
        if (parent.isPresent() && !enabled(parent.get())) {
            return false;
        }
        if (item.enableWhen().isEmpty()) {
            return true;
        }
        boolean any = false;
        boolean all = true;
        for (EnableWhen w : item.enableWhen()) {
            boolean holds = holds(w);
            any |= holds;
            all &= holds;
        }
        return item.behavior() == Questionnaire.Behavior.ANY ? any : all;
    }

    private boolean holds(EnableWhen w) {
        List<Value> answers = of(w.question());
        if (w.operator().equals("exists")) {
            return answers.isEmpty() != w.exists();
        }
        for (Value answer : answers) {
            Integer c = answer.compareTo(w.answer());
            boolean match = switch (w.operator()) {
                case "=" -> c != null && c == 0;
                case "!=" -> c == null || c != 0;
                case ">" -> c != null && c > 0;
                case "<" -> c != null && c < 0;
                case ">=" -> c != null && c >= 0;
                case "<=" -> c != null && c <= 0;
                default -> false;
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** The answers to a question, empty when it is hidden or unanswered. */
    public List<Value> of(String linkId) {
        Optional<Item> item = form.item(linkId);
        if (item.isEmpty() || !enabled(item.get())) {
            return List.of();
        }
        return values.getOrDefault(linkId, List.of());
    }

    public Optional<Instant> answeredAt(String linkId) {
        return of(linkId).isEmpty() ? Optional.empty() : Optional.ofNullable(answeredAt.get(linkId));
    }

    /** Whether the question was answered (at all, even if now hidden): to tell skipped from new. */
    public boolean given(String linkId) {
        return values.containsKey(linkId);
    }

    /** The ordinal (score) of a choice answer, when its option has one. */
    public Optional<BigDecimal> ordinal(String linkId) {
        List<Value> answers = of(linkId);
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        return form.item(linkId).flatMap(i -> i.option(answers.get(0).code())).map(Questionnaire.Option::ordinal);
    }

    /** Every shown, required question has an answer. */
    public boolean complete() {
        for (Item item : form.all()) {
            if (item.answerable() && item.required() && enabled(item) && of(item.linkId()).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** A question that counts towards the total: a choice whose options carry scores. */
    static boolean scored(Item item) {
        return item.type() == Questionnaire.Type.CHOICE && item.options().stream().anyMatch(o -> o.ordinal() != null);
    }

    /**
     * The sum of the scores of the shown scored questions, once every one of them is answered: the instruments'
     * rule (the PHQ-9 total is items 1 to 9, whatever the unscored difficulty question says). Empty while any is
     * unanswered, so part of a form is never read as a low score, and for a form that scores nothing.
     */
    public Optional<Integer> total() {
        BigDecimal sum = null;
        for (Item item : form.all()) {
            if (!scored(item) || !enabled(item)) {
                continue;
            }
            Optional<BigDecimal> o = ordinal(item.linkId());
            if (o.isEmpty()) {
                return Optional.empty();
            }
            sum = sum == null ? o.get() : sum.add(o.get());
        }
        return Optional.ofNullable(sum).map(BigDecimal::intValue);
    }

    /** Questions with an answer that the form now hides: an earlier answer changed and they are no longer asked. */
    public List<String> hiddenButAnswered() {
        List<String> hidden = new java.util.ArrayList<>();
        for (Item item : form.all()) {
            if (item.answerable() && values.containsKey(item.linkId()) && !enabled(item)) {
                hidden.add(item.linkId());
            }
        }
        return hidden;
    }

    /** The first screen (top-level question or group) that is shown and not fully answered. */
    public Optional<Item> nextScreen() {
        for (Item screen : form.screens()) {
            if (enabled(screen) && !screenAnswered(screen)) {
                return Optional.of(screen);
            }
        }
        return Optional.empty();
    }

    /** A screen counts as answered once any of its questions was (optional questions may stay empty). */
    boolean screenAnswered(Item screen) {
        if (screen.answerable()) {
            return given(screen.linkId());
        }
        return screen.items().stream().filter(Item::answerable).anyMatch(i -> given(i.linkId()));
    }

    public List<Item> shownScreens() {
        return form.screens().stream().filter(this::enabled).toList();
    }
}
