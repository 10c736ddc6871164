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
    /** The form whose totals make the trend and the treatment response. */
    public static final String TREND_FORM = "phq-9";
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
     * transaction. What the patient last said is the truth: an answer the new answers hide (an earlier answer
     * changed, a later question no longer asked) is replaced at once, so it is nowhere current: not shown to staff,
     * not scored, not exported. The total is kept once every scored question is answered; the response completes,
     * with its risk level where the form has one, once nothing more is to be asked.
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
            for (String hidden : answers(dao, visitId, formId).hiddenButAnswered()) {
                dao.supersede(responseId, hidden, now);
            }
            Answers after = answers(dao, visitId, formId);
            FormSettings settings = settings(formId);
            if (settings != null && settings.scored()) {
                Optional<Integer> total = after.total();
                dao.score(responseId, total.orElse(null), total.map(t -> band(formId, t)).orElse(null));
            }
            if (after.nextScreen().isEmpty() && after.complete()) {
                dao.complete(responseId, riskLevel(formId, after).orElse(null), now);
            }
            audit.record(h, new Event(actor, "screening.answer", null, "visit " + visitId + ": form " + formId, null));
        });
    }

    /**
     * A form's risk level from this response's answers alone (the C-SSRS): the first configured level whose flag
     * rule holds, or the "none" level.
     */
    Optional<String> riskLevel(String formId, Answers answers) {
        FormSettings settings = settings(formId);
        if (settings == null || settings.riskLevel().isEmpty()) {
            return Optional.empty();
        }
        KioskConfig.RiskLevel risk = settings.riskLevel().get();
        RuleContext alone = new RuleContext(Map.of(formId, answers), false, Optional.empty(), time.now(),
                config.screening().thresholds(), this::showTime);
        for (KioskConfig.Level level : risk.levels()) {
            if (screening.rule(level.rule()).orElseThrow().when().test(alone).holds()) {
                return Optional.of(level.label());
            }
        }
        return Optional.of(risk.none());
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

    /** Why the rules are evaluated again: new answers (from the patient, or the desk for them), or a clinician's void. */
    public enum Cause { ANSWERS, VOID }

    /**
     * Runs every rule over the visit's answers and facts. A rule that now holds raises its flag (unless one of that
     * rule is live or was cleared by a clinician). A safety flag is never silently gone: when the answers behind a
     * block or an alert change (the rule no longer holds, or holds with other values), the flag becomes
     * {@code changed} and stays open until a clinician reviews it; only an info flag is withdrawn by new answers,
     * and a clinician's void withdraws the flags of the voided answers. Everything stays in the history.
     */
    public Evaluation evaluate(long visitId, long patientId, boolean noEscort, Actor actor, Cause cause) {
        Instant now = time.now();
        return jdbi.inTransaction(h -> {
            ScreeningDao dao = h.attach(ScreeningDao.class);
            Map<String, Answers> forms = new HashMap<>();
            for (String formId : screening.forms().keySet()) {
                forms.put(formId, answers(dao, visitId, formId));
            }
            Optional<Instant> lastInfusion = dao.lastInfusionEnd(patientId, visitId);
            RuleContext context = new RuleContext(forms, noEscort, lastInfusion, now,
                    config.screening().thresholds(), this::showTime);
            List<FlagRow> existing = dao.flags(visitId);
            boolean changed = false;
            for (FlagRule rule : screening.rules()) {
                Match match = rule.when().test(context);
                List<FlagRow> ofRule = existing.stream().filter(f -> f.code().equals(rule.code())).toList();
                Optional<FlagRow> live = ofRule.stream().filter(FlagRow::live).findFirst();
                boolean cleared = ofRule.stream().anyMatch(f -> f.status().equals("cleared"));
                String message = rule.clinicianMessage(match.values());
                if (match.holds() && live.isEmpty() && !cleared) {
                    long id = dao.insertFlag(visitId, rule.code(), rule.tier().name().toLowerCase(Locale.ROOT),
                            message, rule.desk(), rule.support(), now);
                    dao.event(id, "raised", now, kind(actor), actor.id(), actor.name(), null);
                    audit.record(h, new Event(actor, "flag.raised", null, "visit " + visitId + ": " + rule.code(), null));
                    changed = true;
                } else if (match.holds() && live.isPresent()) {
                    changed |= stillHolds(dao, h, live.get(), message, visitId, actor, now);
                } else if (!match.holds() && live.isPresent()) {
                    changed |= stopsHolding(dao, h, live.get(), rule, visitId, actor, cause, now);
                }
            }
            if (changed) {
                events.publish(h, "flag");
            }
            List<FlagRow> after = dao.flags(visitId);
            return new Evaluation(after.stream().anyMatch(FlagRow::blocking),
                    after.stream().anyMatch(f -> f.support() && f.live()));
        });
    }

    /** The rule holds again, or holds with other values (new hours of fasting): the clinician reads the new answer. */
    private boolean stillHolds(ScreeningDao dao, Handle h, FlagRow flag, String message, long visitId, Actor actor, Instant now) {
        if (flag.changed()) {
            if (dao.moveFlag(flag.id(), "changed", "open", now) == 0) {
                return false;
            }
            dao.message(flag.id(), message, now);
            dao.event(flag.id(), "raised", now, kind(actor), actor.id(), actor.name(), "the answer was given again");
            audit.record(h, new Event(actor, "flag.raised", null, "visit " + visitId + ": " + flag.code() + " again", null));
            return true;
        }
        if (message.equals(flag.clinicianMessage())) {
            return false;
        }
        dao.message(flag.id(), message, now);
        if (!flag.tier().equals("info") && flag.status().equals("acknowledged")) {
            dao.moveFlag(flag.id(), "acknowledged", "changed", now);
        }
        dao.event(flag.id(), "changed", now, kind(actor), actor.id(), actor.name(), "answer changed by the patient: " + message);
        audit.record(h, new Event(actor, "flag.changed", null, "visit " + visitId + ": " + flag.code(), null));
        return true;
    }

    private boolean stopsHolding(ScreeningDao dao, Handle h, FlagRow flag, FlagRule rule, long visitId, Actor actor,
                                 Cause cause, Instant now) {
        if (flag.changed() && cause == Cause.ANSWERS) {
            return false; // already waiting for a clinician
        }
        boolean safety = rule.tier() != FlagRule.Tier.INFO;
        String to = safety && cause == Cause.ANSWERS ? "changed" : "withdrawn";
        if (dao.moveFlag(flag.id(), flag.status(), to, now) == 0) {
            return false;
        }
        String why = cause == Cause.VOID ? "the response was voided by " + actor.name()
                : safety ? "answer changed by the patient: the answer that raised it was taken back; a clinician reviews it"
                : "the answers behind it changed";
        dao.event(flag.id(), to.equals("changed") ? "changed" : "withdrawn", now, kind(actor), actor.id(), actor.name(), why);
        audit.record(h, new Event(actor, "flag." + to, null, "visit " + visitId + ": " + flag.code(), null));
        return true;
    }

    /**
     * A vital sign past a stop-and-call threshold: a block flag on every board, in the caller's transaction. While
     * one of that kind is still open the new measurement is added to it (one alarm, not one per reading); once a
     * clinician has cleared it, a new reading past the threshold is a new alarm.
     */
    public void alarm(Handle h, long visitId, String code, String message, Actor actor) {
        ScreeningDao dao = h.attach(ScreeningDao.class);
        Instant now = time.now();
        Optional<FlagRow> open = dao.flags(visitId).stream().filter(f -> f.code().equals(code) && f.pending()).findFirst();
        if (open.isPresent()) {
            dao.message(open.get().id(), message, now);
            dao.event(open.get().id(), "changed", now, kind(actor), actor.id(), actor.name(), "measured again: " + message);
        } else {
            long id = dao.insertFlag(visitId, code, "block", message, "Vital-sign alarm: nurse needed now", false, now);
            dao.event(id, "raised", now, kind(actor), actor.id(), actor.name(), null);
        }
        audit.record(h, new Event(actor, "flag.raised", null, "visit " + visitId + ": " + code, null));
        events.publish(h, "flag");
    }

    /** A flag a vital sign raised is still open on the visit. */
    public boolean alarmOpen(long visitId) {
        return flags(visitId).stream().anyMatch(f -> f.blocking() && KioskConfig.CallThresholds.FLAG_CODES.contains(f.code()));
    }

    /**
     * The course's PHQ-9 response: the patient's scored PHQ-9s of this course (by the schedule's course id, or all
     * when it sends none), oldest first.
     */
    public Optional<TreatmentResponse> treatmentResponse(long patientId, String courseId) {
        if (!screening.forms().containsKey(TREND_FORM)) {
            return Optional.empty();
        }
        List<PastResponse> all = trend(patientId, TREND_FORM);
        return TreatmentResponse.of(courseId == null ? all : all.stream().filter(p -> courseId.equals(p.courseId())).toList());
    }

    /**
     * The course lines of several patients at once (the board's cards): by patient, the response over the course
     * that {@code courseByPatient} names (null: every scored PHQ-9); patients without a scored PHQ-9 are absent.
     */
    public Map<Long, TreatmentResponse> treatmentResponses(Map<Long, String> courseByPatient) {
        if (courseByPatient.isEmpty() || !screening.forms().containsKey(TREND_FORM)) {
            return Map.of();
        }
        Map<Long, List<PastResponse>> byPatient = new LinkedHashMap<>();
        for (ScreeningDao.PatientScore s : jdbi.withExtension(ScreeningDao.class,
                dao -> dao.scoredForPatients(courseByPatient.keySet(), TREND_FORM))) {
            String course = courseByPatient.get(s.patientId());
            if (course == null || course.equals(s.courseId())) {
                byPatient.computeIfAbsent(s.patientId(), k -> new ArrayList<>()).add(s.past());
            }
        }
        Map<Long, TreatmentResponse> out = new java.util.HashMap<>();
        byPatient.forEach((patient, course) -> TreatmentResponse.of(course).ifPresent(r -> out.put(patient, r)));
        return out;
    }

    /**
     * The patient's latest answers to the questions kiosk.yaml names for the chair sheet ("form/linkId": allergies,
     * medicines), each with the question and the day it was answered; a hidden or empty one is not shown.
     */
    public List<AnswerHistory> latestAnswers(long patientId, List<String> questions) {
        List<AnswerHistory> out = new ArrayList<>();
        jdbi.useHandle(h -> {
            ScreeningDao dao = h.attach(ScreeningDao.class);
            for (String q : questions) {
                String[] parts = q.split("/", 2);
                Questionnaire form = screening.forms().get(parts[0]);
                Optional<PastResponse> last = dao.completedFor(patientId, parts[0]).stream().reduce((a, b) -> b);
                if (form == null || last.isEmpty()) {
                    continue;
                }
                Answers answers = answersOf(dao.response(last.get().responseId()).orElseThrow());
                List<Value> given = answers.of(parts[1]);
                if (!given.isEmpty()) {
                    out.add(new AnswerHistory(parts[0], parts[1], form.item(parts[1]).map(Item::text).orElse(parts[1]),
                            given.stream().map(Value::shown).collect(java.util.stream.Collectors.joining("; ")),
                            last.get().completedAt(), null));
                }
            }
        });
        return out;
    }

    /** A block flag is open on the visit (open or changed, not yet cleared by a clinician). */
    public boolean blocked(long visitId) {
        return flags(visitId).stream().anyMatch(FlagRow::blocking);
    }

    /** Alert flags not yet acknowledged by a clinician (changed ones included). */
    public int alertsPending(long visitId) {
        return (int) flags(visitId).stream().filter(f -> f.tier().equals("alert") && f.pending()).count();
    }

    private boolean highRisk(FlagRow flag) {
        return screening.rule(flag.code()).map(FlagRule::highRisk).orElse(false);
    }

    /** The flags a patient may not leave with, unnoted: every open block, and every high-risk flag not withdrawn. */
    private List<FlagRow> followUpFlags(List<FlagRow> flags) {
        return flags.stream().filter(f -> f.blocking() || highRisk(f) && !f.status().equals("withdrawn")).toList();
    }

    /** Whether ending the visit (left, cancelled) needs a clinician's named follow-up. */
    public boolean followUpNeeded(long visitId) {
        return !followUpFlags(flags(visitId)).isEmpty();
    }

    /** Records a clinician's follow-up on each flag that needed it, inside the caller's transaction. */
    public void recordFollowUp(Handle h, long visitId, clinic.kiosk.queue.FollowUp followUp, Actor actor) {
        ScreeningDao dao = h.attach(ScreeningDao.class);
        Instant now = time.now();
        for (FlagRow f : followUpFlags(dao.flags(visitId))) {
            dao.event(f.id(), "follow_up", now, kind(actor), actor.id(), actor.name(), followUp.describe());
            audit.record(h, new Event(actor, "flag.follow_up", null, "visit " + visitId + ": " + f.code()
                    + " (clinician " + followUp.clinicianName() + ")", null));
        }
        events.publish(h, "flag");
    }

    /**
     * Whether a staff member of this role may clear (block) or acknowledge (alert) this flag: a clinician always; a
     * nurse only the flags kiosk.yaml lists; nobody else (an admin account is not a clinical role).
     */
    public boolean mayDecide(FlagRow flag, String role) {
        return switch (role) {
            case "clinician" -> true;
            case "nurse" -> config.screening().nurseMayClear().contains(flag.code());
            default -> false;
        };
    }

    /** The answers behind a flag's rule, and the questions that decide whether they are asked, as "form/linkId". */
    public List<String> questionsOf(FlagRow flag) {
        List<String> out = new ArrayList<>();
        for (String q : screening.rule(flag.code()).map(FlagRule::questions).orElse(List.of())) {
            String[] parts = q.split("/", 2);
            Questionnaire form = screening.forms().get(parts[0]);
            if (form != null) {
                form.item(parts[1]).ifPresent(item -> addWithConditions(form, parts[0], item, out));
            }
        }
        return out;
    }

    private static void addWithConditions(Questionnaire form, String formId, Item item, List<String> out) {
        for (Questionnaire.EnableWhen w : item.enableWhen()) {
            form.item(w.question()).ifPresent(q -> addWithConditions(form, formId, q, out));
        }
        String key = formId + "/" + item.linkId();
        if (!out.contains(key)) {
            out.add(key);
        }
    }

    /** Every answer given at the visit, replaced ones included, with the question's text. */
    public List<AnswerHistory> answerHistory(long visitId) {
        return jdbi.withExtension(ScreeningDao.class, dao -> dao.answerHistory(visitId)).stream()
                .filter(a -> screening.forms().containsKey(a.formId()))
                .map(a -> {
                    Questionnaire form = screening.forms().get(a.formId());
                    String question = form.item(a.linkId()).map(Item::text).orElse(a.linkId());
                    Value v = new Value(a.valueSystem(), a.valueCode(), a.valueDisplay(), a.valueBoolean(), a.valueNumber(),
                            a.valueText(), a.valueDate(), a.valueDatetime());
                    boolean empty = a.valueCode() == null && a.valueBoolean() == null && a.valueNumber() == null
                            && a.valueText() == null && a.valueDate() == null && a.valueDatetime() == null;
                    return new AnswerHistory(a.formId(), a.linkId(), question, empty ? "" : v.shown(), a.answeredAt(),
                            a.supersededAt());
                }).toList();
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
     * A clinician clears a block flag or acknowledges an alert (an open or a changed one), by name, with a reason.
     * The flag moves only from the status the clinician saw, so two at once cannot both act.
     */
    public boolean decide(long flagId, boolean clear, Actor actor, String reason) {
        Instant now = time.now();
        return jdbi.inTransaction(h -> {
            ScreeningDao dao = h.attach(ScreeningDao.class);
            Optional<FlagRow> flag = dao.flag(flagId);
            if (flag.isEmpty() || !flag.get().pending()) {
                return false;
            }
            if (clear != flag.get().tier().equals("block")) {
                return false;
            }
            String to = clear ? "cleared" : "acknowledged";
            if (dao.moveFlag(flagId, flag.get().status(), to, now) == 0) {
                return false;
            }
            dao.event(flagId, to, now, kind(actor), actor.id(), actor.name(), reason);
            audit.record(h, new Event(actor, "flag." + to, null, "visit " + flag.get().visitId() + ": " + flag.get().code(), null));
            events.publish(h, "flag");
            return true;
        });
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

    /** The language the patient answered in at this visit (the latest response's), English when unknown. */
    public String language(long visitId) {
        return responses(visitId).stream().map(ResponseRow::language).filter(java.util.Objects::nonNull)
                .reduce((a, b) -> b).orElse("en");
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

    /** The patient's scored responses to a form across visits, oldest first: the trend. */
    public List<PastResponse> trend(long patientId, String formId) {
        return jdbi.withExtension(ScreeningDao.class, dao -> dao.scoredFor(patientId, formId));
    }

    /** Which flags are escalated: pending (not dealt with) for longer than the configured minutes since raised. */
    public boolean escalated(FlagRow flag) {
        return flag.pending() && time.now().isAfter(flag.raisedAt().plus(config.screening().escalateAfter()));
    }
}
