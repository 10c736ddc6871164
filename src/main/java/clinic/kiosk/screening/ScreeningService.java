package clinic.kiosk.screening;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.audit.AuditLog.Event;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.config.KioskConfig.Band;
import clinic.kiosk.config.KioskConfig.FormSettings;
import clinic.kiosk.queue.QueueEvents;
import clinic.kiosk.screening.FlagRule.Match;
import clinic.kiosk.screening.Questionnaire.Item;
import clinic.kiosk.screening.Questionnaire.Type;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Screening at a visit: which forms are due, saving answers as the patient goes (append-only: a changed answer
 * supersedes the earlier one, which stays), scoring, evaluating the flag rules after every screen, and the
 * clinician's decisions on flags and responses.
 */
public final class ScreeningService {
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ClinicTime time;
    private final KioskConfig config;
    private final Screening screening;
    private final QueueEvents events;

    public ScreeningService(Jdbi jdbi, AuditLog audit, ClinicTime time, KioskConfig config, Screening screening,
                            QueueEvents events) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.time = time;
        this.config = config;
        this.screening = screening;
        this.events = events;
    }

    public Questionnaire form(String id) {
        return screening.form(id);
    }

    public FormSettings settings(String id) {
        return config.forms().get(id);
    }

    // Answers

    public Optional<ResponseRow> active(long visitId, String formId) {
        return jdbi.withExtension(ScreeningDao.class, dao -> dao.active(visitId, formId));
    }

    /** The current answers of the visit's active response to a form (none when not started). */
    public Answers answers(long visitId, String formId) {
        return jdbi.withHandle(h -> answers(h.attach(ScreeningDao.class), visitId, formId));
    }

    private Answers answers(ScreeningDao dao, long visitId, String formId) {
        Questionnaire form = screening.form(formId);
        Optional<ResponseRow> response = dao.active(visitId, formId);
        if (response.isEmpty()) {
            return Answers.none(form);
        }
        Map<String, List<Value>> values = new LinkedHashMap<>();
        Map<String, Instant> at = new HashMap<>();
        for (AnswerRow row : dao.current(response.get().id())) {
            List<Value> list = values.computeIfAbsent(row.linkId(), k -> new ArrayList<>());
            if (!row.empty()) {
                list.add(row.value());
            }
            at.put(row.linkId(), row.answeredAt());
        }
        return new Answers(form, values, at);
    }

    /** A problem with one question of a submitted screen: the field, a message key and its arguments. */
    public record Problem(String linkId, String key, List<Object> args) {}

    /**
     * Checks a submitted screen against the form: only the screen's shown questions, required ones answered,
     * answers among the options, numbers in range, text within its length. Nothing is stored when any fails.
     */
    public List<Problem> validate(Questionnaire form, Item screen, Answers current, Function<String, List<String>> raw,
                                  Map<String, List<Value>> into) {
        List<Problem> problems = new ArrayList<>();
        List<Item> questions = screen.answerable() ? List.of(screen) : screen.items().stream().filter(Item::answerable).toList();
        Map<String, List<Value>> proposed = new HashMap<>();
        for (Item q : questions) {
            List<String> given = raw.apply(q.linkId()).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            List<Value> values = new ArrayList<>();
            for (String text : given) {
                parse(q, text).ifPresentOrElse(values::add,
                        () -> problems.add(problem(q)));
            }
            if (!q.repeats() && values.size() > 1) {
                problems.add(new Problem(q.linkId(), "screen.error.one", List.of()));
            }
            proposed.put(q.linkId(), values);
        }
        // Enablement with the screen's own new answers: a question hidden by them must come back empty.
        Map<String, List<Value>> merged = new HashMap<>();
        for (Item item : form.all()) {
            List<Value> existing = current.given(item.linkId()) ? current.of(item.linkId()) : null;
            if (existing != null) {
                merged.put(item.linkId(), existing);
            }
        }
        merged.putAll(proposed);
        Answers after = new Answers(form, merged, Map.of());
        for (Item q : questions) {
            List<Value> values = proposed.get(q.linkId());
            boolean shown = after.enabled(q);
            if (!shown && !values.isEmpty()) {
                problems.add(new Problem(q.linkId(), "screen.error.hidden", List.of()));
            } else if (shown && q.required() && values.isEmpty() && problems.stream().noneMatch(p -> p.linkId().equals(q.linkId()))) {
                problems.add(new Problem(q.linkId(), q.type() == Type.CHOICE || q.type() == Type.BOOLEAN
                        ? "screen.error.choose" : "screen.error.required", List.of()));
            }
            if (shown) {
                into.put(q.linkId(), values);
            }
        }
        return problems;
    }

    private static Problem problem(Item q) {
        return switch (q.type()) {
            case INTEGER, DECIMAL -> q.min() != null && q.max() != null
                    ? new Problem(q.linkId(), "screen.error.range", List.of(q.min().toPlainString(), q.max().toPlainString()))
                    : new Problem(q.linkId(), "screen.error.number", List.of());
            case STRING -> new Problem(q.linkId(), "screen.error.too_long", List.of(q.maxLength() == null ? 500 : q.maxLength()));
            case DATE, DATETIME -> new Problem(q.linkId(), "screen.error.date", List.of());
            default -> new Problem(q.linkId(), "screen.error.option", List.of());
        };
    }

    /** One submitted text as a value of the question's type, or empty when it is not one. */
    static Optional<Value> parse(Item q, String text) {
        try {
            return switch (q.type()) {
                case CHOICE -> q.option(text).map(o -> Value.coding(o.system(), o.code(), o.display()));
                case BOOLEAN -> text.equals("true") || text.equals("false") ? Optional.of(Value.of(text.equals("true"))) : Optional.empty();
                case INTEGER, DECIMAL -> {
                    if (!text.matches(q.type() == Type.INTEGER ? "-?\\d{1,9}" : "-?\\d{1,9}([.,]\\d{1,4})?")) {
                        yield Optional.empty();
                    }
                    BigDecimal n = new BigDecimal(text.replace(',', '.'));
                    boolean inRange = (q.min() == null || n.compareTo(q.min()) >= 0) && (q.max() == null || n.compareTo(q.max()) <= 0);
                    yield inRange ? Optional.of(Value.of(n)) : Optional.empty();
                }
                case STRING -> text.length() <= (q.maxLength() == null ? 500 : q.maxLength()) ? Optional.of(Value.of(text)) : Optional.empty();
                case DATE -> Optional.of(Value.of(LocalDate.parse(text)));
                case DATETIME -> Optional.of(Value.of(LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)));
                default -> Optional.empty();
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Saves a screen's answers (each question shown on it: an empty list records "seen, left empty") in one
     * transaction, and completes the response, with its total and band, once nothing more is to be asked.
     */
    public void save(long visitId, String formId, Map<String, List<Value>> values, String language, Actor actor) {
        Questionnaire form = screening.form(formId);
        Instant now = time.now();
        jdbi.useTransaction(h -> {
            ScreeningDao dao = h.attach(ScreeningDao.class);
            long responseId = dao.active(visitId, formId).map(r -> {
                if (r.completed()) {
                    throw new IllegalStateException("a completed response is never changed");
                }
                return r.id();
            }).orElseGet(() -> dao.insertResponse(visitId, formId, form.version(), dao.lastAttempt(visitId, formId) + 1, language, now));
            for (Map.Entry<String, List<Value>> e : values.entrySet()) {
                dao.supersede(responseId, e.getKey(), now);
                if (e.getValue().isEmpty()) {
                    dao.insertAnswer(responseId, e.getKey(), null, null, null, null, null, null, null, null, now);
                }
                for (Value v : e.getValue()) {
                    dao.insertAnswer(responseId, e.getKey(), v.system(), v.code(), v.display(), v.bool(), v.number(),
                            v.text(), v.date(), v.dateTime(), now);
                }
            }
            Answers after = answers(dao, visitId, formId);
            if (after.nextScreen().isEmpty() && after.complete()) {
                Optional<Integer> total = settings(formId) != null && settings(formId).scored() ? after.total() : Optional.empty();
                dao.complete(responseId, total.orElse(null), total.map(t -> band(formId, t)).orElse(null), now);
            }
            audit.record(h, new Event(actor, "screening.answer", null, "visit " + visitId + ": form " + formId, null));
        });
    }

    /** Whether every form of the visit type that gates the chair is done for this visit (or not due). */
    public boolean gatingFormsDone(long visitId, clinic.kiosk.schedule.Booking booking) {
        KioskConfig.VisitType type = config.visitType(booking.visitType()).orElseThrow();
        for (String step : type.steps()) {
            if (step.startsWith(clinic.kiosk.config.ConfigLoader.FORM_STEP)) {
                String formId = step.substring(clinic.kiosk.config.ConfigLoader.FORM_STEP.length());
                if (settings(formId).gatesChair() && !completed(visitId, formId)
                        && (dueByFrequency(visitId, booking.patientId(), formId, booking.courseId()) || askedByFlags(visitId).contains(formId))) {
                    return false;
                }
            }
        }
        return true;
    }

    public boolean completed(long visitId, String formId) {
        return active(visitId, formId).map(ResponseRow::completed).orElse(false);
    }

    public String band(String formId, int total) {
        for (Band band : settings(formId).bands()) {
            if (total <= band.upTo()) {
                return band.label();
            }
        }
        return "";
    }

    /** Whether the form is due at this visit by its frequency (a completed response today makes it not due). */
    public boolean dueByFrequency(long visitId, long patientId, String formId, String courseId) {
        if (completed(visitId, formId)) {
            return false;
        }
        FormSettings s = settings(formId);
        List<PastResponse> past = jdbi.withExtension(ScreeningDao.class, dao -> dao.completedFor(patientId, formId));
        return switch (s.frequency().kind()) {
            case "once_per_course" -> courseId == null ? past.isEmpty()
                    : past.stream().noneMatch(p -> courseId.equals(p.courseId()));
            case "every_days" -> past.stream().noneMatch(p -> p.completedAt() != null
                    && p.completedAt().isAfter(time.now().minus(Duration.ofDays(s.frequency().days()))));
            default -> true;
        };
    }

    /** The forms that open rules ask for at this visit (PHQ-9 item 9 asks for the C-SSRS). */
    public Set<String> askedByFlags(long visitId) {
        Set<String> codes = new HashSet<>();
        for (FlagRow f : flags(visitId)) {
            if (f.live()) {
                codes.add(f.code());
            }
        }
        Set<String> forms = new HashSet<>();
        for (FlagRule rule : screening.rules()) {
            if (codes.contains(rule.code())) {
                forms.addAll(rule.ask());
            }
        }
        return forms;
    }

    // Flags

    /** After an evaluation: whether a block flag is open, and whether the patient should see the support message. */
    public record Evaluation(boolean blocked, boolean support) {}

    /**
     * Runs every rule over the visit's answers and facts: a rule that now holds raises its flag (unless a flag of
     * that rule is already live or was cleared by a clinician); a live flag whose rule no longer holds is withdrawn,
     * and stays in the history as withdrawn by the patient's answers.
     */
    public Evaluation evaluate(long visitId, long patientId, boolean noEscort, Actor actor) {
        Instant now = time.now();
        boolean[] changed = {false};
        Evaluation result = jdbi.inTransaction(h -> {
            ScreeningDao dao = h.attach(ScreeningDao.class);
            Map<String, Answers> forms = new HashMap<>();
            for (String formId : screening.forms().keySet()) {
                forms.put(formId, answers(dao, visitId, formId));
            }
            Optional<Instant> lastInfusion = dao.lastInfusionEnd(patientId, visitId);
            RuleContext context = new RuleContext(forms, noEscort, lastInfusion, now,
                    config.screening().thresholds(), this::showTime);
            List<FlagRow> existing = dao.flags(visitId);
            for (FlagRule rule : screening.rules()) {
                Match match = rule.when().test(context);
                List<FlagRow> ofRule = existing.stream().filter(f -> f.code().equals(rule.code())).toList();
                Optional<FlagRow> live = ofRule.stream().filter(FlagRow::live).findFirst();
                boolean cleared = ofRule.stream().anyMatch(f -> f.status().equals("cleared"));
                if (match.holds() && live.isEmpty() && !cleared) {
                    long id = dao.insertFlag(visitId, rule.code(), rule.tier().name().toLowerCase(Locale.ROOT),
                            rule.clinicianMessage(match.values()), rule.desk(), rule.support(), now);
                    dao.event(id, "raised", now, kind(actor), actor.id(), actor.name(), null);
                    audit.record(h, new Event(actor, "flag.raised", null, "visit " + visitId + ": " + rule.code(), null));
                    changed[0] = true;
                } else if (!match.holds() && live.isPresent()) {
                    if (dao.moveFlag(live.get().id(), live.get().status(), "withdrawn", now) > 0) {
                        dao.event(live.get().id(), "withdrawn", now, kind(actor), actor.id(), actor.name(),
                                "the answers behind it changed");
                        audit.record(h, new Event(actor, "flag.withdrawn", null, "visit " + visitId + ": " + rule.code(), null));
                        changed[0] = true;
                    }
                }
            }
            List<FlagRow> now2 = dao.flags(visitId);
            return new Evaluation(now2.stream().anyMatch(f -> f.tier().equals("block") && f.status().equals("open")),
                    now2.stream().anyMatch(f -> f.support() && f.live()));
        });
        if (changed[0]) {
            events.publish("flag");
        }
        return result;
    }

    private String showTime(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, time.zone());
        return day.equals(time.today()) ? time.time(instant) : time.dateTime(instant);
    }

    private static String kind(Actor actor) {
        return actor.kind().name().toLowerCase(Locale.ROOT);
    }

    public List<FlagRow> flags(long visitId) {
        return jdbi.withExtension(ScreeningDao.class, dao -> dao.flags(visitId));
    }

    public List<FlagRow> liveFlags(List<Long> visitIds) {
        if (visitIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withExtension(ScreeningDao.class, dao -> dao.liveFlags(visitIds));
    }

    public List<FlagEvent> events(long visitId) {
        return jdbi.withExtension(ScreeningDao.class, dao -> dao.events(visitId));
    }

    public Optional<FlagRow> flag(long id) {
        return jdbi.withExtension(ScreeningDao.class, dao -> dao.flag(id));
    }

    /**
     * A clinician clears a block flag or acknowledges an alert, by name, with a reason. The flag moves only from
     * the status the clinician saw, so two at once cannot both act.
     */
    public boolean decide(long flagId, boolean clear, Actor actor, String reason) {
        Instant now = time.now();
        boolean done = jdbi.inTransaction(h -> {
            ScreeningDao dao = h.attach(ScreeningDao.class);
            Optional<FlagRow> flag = dao.flag(flagId);
            if (flag.isEmpty() || !flag.get().status().equals("open")) {
                return false;
            }
            String tier = flag.get().tier();
            if (clear != tier.equals("block") || tier.equals("info")) {
                return false;
            }
            String to = clear ? "cleared" : "acknowledged";
            if (dao.moveFlag(flagId, "open", to, now) == 0) {
                return false;
            }
            dao.event(flagId, to, now, kind(actor), actor.id(), actor.name(), reason);
            audit.record(h, new Event(actor, "flag." + to, null, "visit " + flag.get().visitId() + ": " + flag.get().code(), null));
            return true;
        });
        if (done) {
            events.publish("flag");
        }
        return done;
    }

    /** A clinician's correction: the response is voided with who, when and why; its answers stay for the record. */
    public boolean voidResponse(long responseId, Actor actor, String reason) {
        Instant now = time.now();
        return jdbi.inTransaction(h -> {
            ScreeningDao dao = h.attach(ScreeningDao.class);
            Optional<ResponseRow> r = dao.response(responseId);
            if (r.isEmpty() || dao.voidResponse(responseId, actor.name(), reason, now) == 0) {
                return false;
            }
            audit.record(h, new Event(actor, "screening.void", null, "visit " + r.get().visitId() + ": form " + r.get().formId(), null));
            return true;
        });
    }

    public Optional<Long> responseVisit(long responseId) {
        return jdbi.withExtension(ScreeningDao.class, dao -> dao.response(responseId)).map(ResponseRow::visitId);
    }

    public List<ResponseRow> responses(long visitId) {
        return jdbi.withExtension(ScreeningDao.class, dao -> dao.responses(visitId));
    }

    /** The answers of any response, voided ones included, for the visit page. */
    public Answers answersOf(ResponseRow response) {
        return jdbi.withHandle(h -> {
            ScreeningDao dao = h.attach(ScreeningDao.class);
            Questionnaire form = screening.form(response.formId());
            Map<String, List<Value>> values = new LinkedHashMap<>();
            for (AnswerRow row : dao.current(response.id())) {
                List<Value> list = values.computeIfAbsent(row.linkId(), k -> new ArrayList<>());
                if (!row.empty()) {
                    list.add(row.value());
                }
            }
            return new Answers(form, values, Map.of());
        });
    }

    /** The patient's completed responses to a form across visits, oldest first: the trend. */
    public List<PastResponse> trend(long patientId, String formId) {
        return jdbi.withExtension(ScreeningDao.class, dao -> dao.completedFor(patientId, formId));
    }

    /** Which flags are escalated: pending (not dealt with) for longer than the configured minutes. */
    public boolean escalated(FlagRow flag) {
        return flag.pending() && time.now().isAfter(flag.raisedAt().plus(config.screening().escalateAfter()));
    }
}
