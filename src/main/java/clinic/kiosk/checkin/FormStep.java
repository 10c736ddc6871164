package clinic.kiosk.checkin;

import clinic.kiosk.screening.Answers;
import clinic.kiosk.screening.Questionnaire;
import clinic.kiosk.screening.Questionnaire.Item;
import clinic.kiosk.screening.ScreeningService;
import clinic.kiosk.screening.Value;
import clinic.kiosk.web.FieldError;
import clinic.kiosk.web.Form;
import clinic.kiosk.web.FormErrors;
import clinic.kiosk.web.Messages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A screening form as a check-in step ({@code form:<id>}): one question, or a short group, per screen; answers
 * saved as the patient goes; Back within the form; earlier answers never shown to a later session (someone else
 * may know the patient's name and date of birth).
 */
final class FormStep implements CheckInStep {
    private final String formId;
    private final ScreeningService screening;
    private final Messages messages;

    FormStep(String formId, ScreeningService screening, Messages messages) {
        this.formId = formId;
        this.screening = screening;
        this.messages = messages;
    }

    @Override
    public String name() {
        return "form:" + formId;
    }

    @Override
    public boolean gates() {
        return screening.settings(formId).gatesChair();
    }

    @Override
    public boolean due(StepContext c) {
        long visit = c.visit().id();
        if (screening.completed(visit, formId)) {
            return false;
        }
        return screening.dueByFrequency(visit, c.booking().patientId(), formId, c.booking().courseId())
                || screening.askedByFlags(visit).contains(formId);
    }

    @Override
    public String template() {
        return "screening/question";
    }

    public record Choice(String code, String display, boolean checked) {}

    /**
     * {@code stem}: the instrument's lead-in for the question (its time frame), shown above it; {@code hint}: its
     * clarifying text, shown beneath it; either may be null.
     */
    public record Question(String linkId, String field, String text, String type, boolean required, boolean repeats,
                           List<Choice> choices, String value, String min, String max, Integer maxLength, String error,
                           String stem, String hint) {}

    public record QuestionPage(StepFrame frame, String title, String introduction, String screen, String legend,
                               List<Question> questions, int number, int count, String back, FormErrors errors) {}

    @Override
    public Record page(StepContext c) {
        Answers answers = screening.answers(c.visit().id(), formId);
        Item screen = requested(c, answers).or(answers::nextScreen)
                .orElse(answers.shownScreens().isEmpty() ? null : answers.shownScreens().get(0));
        return page(c, answers, screen, Map.of(), FormErrors.NONE);
    }

    /** An earlier screen the patient went Back to: only one shown and answered in this session. */
    private Optional<Item> requested(StepContext c, Answers answers) {
        if (c.screen() == null) {
            return Optional.empty();
        }
        return answers.shownScreens().stream()
                .filter(s -> s.linkId().equals(c.screen()) && answeredInSession(c, answers, s))
                .findFirst();
    }

    private static boolean answeredInSession(StepContext c, Answers answers, Item screen) {
        List<Item> questions = screen.answerable() ? List.of(screen) : screen.items();
        for (Item q : questions) {
            Optional<Instant> at = answers.answeredAt(q.linkId());
            if (answers.given(q.linkId()) && (c.shownSince() == null || at.map(t -> !t.isBefore(c.shownSince())).orElse(false))) {
                return true;
            }
        }
        return false;
    }

    private Record page(StepContext c, Answers answers, Item screen, Map<String, List<String>> typed, FormErrors errors) {
        Questionnaire form = answers.form();
        List<Item> shown = answers.shownScreens();
        int index = Math.max(0, shown.indexOf(screen));
        List<Question> questions = new ArrayList<>();
        List<Item> items = screen.answerable() ? List.of(screen) : screen.items().stream().filter(Item::answerable).toList();
        for (Item q : items) {
            if (!answers.enabled(q) && typed.isEmpty()) {
                continue;
            }
            List<String> current = typed.containsKey(q.linkId()) ? typed.get(q.linkId()) : shownValues(c, answers, q);
            List<Choice> choices = new ArrayList<>();
            if (q.type() == Questionnaire.Type.CHOICE) {
                q.options().forEach(o -> choices.add(new Choice(o.code(), o.display(), current.contains(o.code()))));
            } else if (q.type() == Questionnaire.Type.BOOLEAN) {
                Locale locale = Locale.forLanguageTag(c.language());
                choices.add(new Choice("true", messages.get(locale, "screen.yes"), current.contains("true")));
                choices.add(new Choice("false", messages.get(locale, "screen.no"), current.contains("false")));
            }
            questions.add(new Question(q.linkId(), "q-" + q.linkId(), q.text(), q.type().name().toLowerCase(Locale.ROOT),
                    q.required(), q.repeats(), choices, current.isEmpty() ? "" : current.get(0),
                    q.min() == null ? null : q.min().toPlainString(), q.max() == null ? null : q.max().toPlainString(),
                    q.maxLength(), errors.of("q-" + q.linkId()), q.stem(), q.hint()));
        }
        String back = null;
        for (int i = index - 1; i >= 0; i--) {
            if (answeredInSession(c, answers, shown.get(i))) {
                back = shown.get(i).linkId();
                break;
            }
        }
        return new QuestionPage(c.frame(), form.title(), index == 0 ? form.introduction().orElse(null) : null,
                screen.linkId(), screen.answerable() ? null : screen.text(), questions, index + 1, shown.size(), back, errors);
    }

    /** The answers this session gave (shown again after Back); nothing from an earlier session. */
    private static List<String> shownValues(StepContext c, Answers answers, Item q) {
        Optional<Instant> at = answers.answeredAt(q.linkId());
        if (c.shownSince() != null && at.map(t -> t.isBefore(c.shownSince())).orElse(true)) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Value v : answers.of(q.linkId())) {
            values.add(v.code() != null ? v.code() : v.bool() != null ? v.bool().toString() : v.shown());
        }
        return values;
    }

    @Override
    public Submission submit(StepContext c, Form form) {
        Answers answers = screening.answers(c.visit().id(), formId);
        String screenId = form.text("screen", "screen.question", 64);
        Optional<Item> next = answers.nextScreen();
        Optional<Item> screen = answers.shownScreens().stream()
                .filter(s -> s.linkId().equals(screenId))
                .filter(s -> next.map(n -> n.linkId().equals(screenId)).orElse(false) || answeredInSession(c, answers, s))
                .findFirst();
        if (screen.isEmpty()) {
            // Not a screen this patient is on or may go back to: a tampered or stale submission, stored nowhere.
            Item shown = next.orElse(answers.shownScreens().get(0));
            form.errorKey("q-" + firstQuestion(shown), "screen.error.stale");
            return Submission.invalid(page(c, answers, shown, Map.of(), form.errors()));
        }
        Map<String, List<String>> typed = new HashMap<>();
        Map<String, List<Value>> values = new HashMap<>();
        List<ScreeningService.Problem> problems = screening.validate(answers.form(), screen.get(), answers, linkId -> {
            List<String> raw = form.values("q-" + linkId);
            typed.put(linkId, raw);
            return raw;
        }, values);
        if (!problems.isEmpty()) {
            Locale locale = Locale.forLanguageTag(c.language());
            List<FieldError> errors = new ArrayList<>();
            for (ScreeningService.Problem p : problems) {
                errors.add(new FieldError("q-" + p.linkId(), messages.get(locale, p.key(), p.args().toArray())));
            }
            return Submission.invalid(page(c, answers, screen.get(), typed, new FormErrors(errors)));
        }
        screening.save(c.visit().id(), formId, values, c.language(), c.actor());
        return screening.completed(c.visit().id(), formId) ? Submission.done() : Submission.more();
    }

    private static String firstQuestion(Item screen) {
        return screen.answerable() ? screen.linkId()
                : screen.items().stream().filter(Item::answerable).map(Item::linkId).findFirst().orElse(screen.linkId());
    }
}
