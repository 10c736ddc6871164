package clinic.kiosk.desk;

import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.queue.ChairEvent;
import clinic.kiosk.queue.ChairService;
import clinic.kiosk.queue.ChairService.Result;
import clinic.kiosk.queue.Discharge;
import clinic.kiosk.queue.Transition;
import clinic.kiosk.queue.Visit;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.queue.FollowUp;
import clinic.kiosk.queue.VisitState;
import clinic.kiosk.queue.Vitals;
import clinic.kiosk.schedule.Booking;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.staff.Role;
import clinic.kiosk.staff.StaffAccount;
import clinic.kiosk.staff.StaffAccess;
import clinic.kiosk.web.Form;
import clinic.kiosk.web.FormErrors;
import clinic.kiosk.web.Messages;
import clinic.kiosk.web.Pages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The nurse's actions in the chair, on the board's cards and on the chair sheet: seat, record vitals, start and end
 * the infusion (the gate and its override), in-chair events, hold, lounge, discharge, undo; a chair cleaned; and
 * the end of the day, where every visit still open is closed by someone with a reason.
 */
public final class ChairController {
    private static final List<String> VITAL_FIELDS = List.of("systolic", "diastolic", "heartRate", "spo2", "weight");

    private final ChairService chairs;
    private final VisitService visits;
    private final ScheduleService schedule;
    private final Board board;
    private final AuditLog audit;
    private final Messages messages;
    private final KioskConfig config;
    private final ClinicTime time;
    private final Role[] nurses;
    private final Role[] clinicians;

    private final FollowUpForm followUps;

    public ChairController(ChairService chairs, VisitService visits, ScheduleService schedule, Board board,
                           AuditLog audit, Messages messages, KioskConfig config, ClinicTime time,
                           java.util.function.Supplier<List<clinic.kiosk.staff.StaffAccount>> clinicians) {
        this.followUps = new FollowUpForm(clinicians);
        this.chairs = chairs;
        this.visits = visits;
        this.schedule = schedule;
        this.board = board;
        this.audit = audit;
        this.messages = messages;
        this.config = config;
        this.time = time;
        this.nurses = config.chairCare().roles().stream().map(r -> Role.of(r).orElseThrow()).toArray(Role[]::new);
        this.clinicians = config.chairCare().overrideRoles().stream().map(r -> Role.of(r).orElseThrow()).toArray(Role[]::new);
    }

    public void routes(JavalinConfig c) {
        c.routes.get("/desk/visits/{id}/chair", ctx -> withVisit(ctx, v -> renderSheet(ctx, v, HttpStatus.OK, null, null, FormErrors.NONE, Map.of())), nurses);
        c.routes.post("/desk/visits/{id}/seat", ctx -> withVisit(ctx, v -> seat(ctx, v)), nurses);
        c.routes.post("/desk/visits/{id}/vitals", ctx -> withVisit(ctx, v -> vitals(ctx, v)), nurses);
        c.routes.post("/desk/visits/{id}/start", ctx -> withVisit(ctx, v -> done(ctx, v, chairs.start(v.id(), Pages.actor(ctx)))), nurses);
        c.routes.post("/desk/visits/{id}/override", ctx -> withVisit(ctx, v -> override(ctx, v)), clinicians);
        c.routes.post("/desk/visits/{id}/end", ctx -> withVisit(ctx, v -> end(ctx, v)), nurses);
        c.routes.post("/desk/visits/{id}/event", ctx -> withVisit(ctx, v -> event(ctx, v)), nurses);
        c.routes.post("/desk/visits/{id}/hold", ctx -> withVisit(ctx, v -> hold(ctx, v)), nurses);
        c.routes.post("/desk/visits/{id}/iv-note", ctx -> withVisit(ctx, v -> ivNote(ctx, v)), nurses);
        c.routes.post("/desk/visits/{id}/lounge", ctx -> withVisit(ctx, v -> done(ctx, v, chairs.lounge(v.id(), Pages.actor(ctx)))), nurses);
        c.routes.post("/desk/visits/{id}/discharge", ctx -> withVisit(ctx, v -> discharge(ctx, v)), nurses);
        c.routes.post("/desk/visits/{id}/undo", ctx -> withVisit(ctx, v -> done(ctx, v, chairs.undo(v.id(), Pages.actor(ctx)))), nurses);
        c.routes.post("/desk/places/{id}/cleaned", this::cleaned, Role.ANY);
        c.routes.get("/desk/end-of-day", this::endOfDay, Role.ANY);
        c.routes.post("/desk/visits/{id}/close", ctx -> withVisit(ctx, v -> close(ctx, v)), Role.ANY);
    }

    private interface VisitAction {
        void run(Visit visit);
    }

    private void withVisit(Context ctx, VisitAction action) {
        Optional<Visit> visit;
        try {
            visit = visits.byId(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            visit = Optional.empty();
        }
        if (visit.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        action.run(visit.get());
    }

    /** After an action: back where it was taken (the board or the sheet); a refusal shows the sheet with why. */
    private void done(Context ctx, Visit visit, Result result) {
        if (result.done()) {
            boolean fromSheet = "sheet".equals(ctx.formParam("back"));
            ctx.redirect(fromSheet ? "/desk/visits/" + visit.id() + "/chair" : "/desk?notice=done", HttpStatus.SEE_OTHER);
            return;
        }
        renderSheet(ctx, visits.byId(visit.id()).orElse(visit), HttpStatus.CONFLICT, message(ctx, result), null,
                FormErrors.NONE, Map.of());
    }

    private String message(Context ctx, Result result) {
        return messages.get(Pages.locale(ctx), result.problem(), result.args().toArray());
    }

    private void seat(Context ctx, Visit visit) {
        String place = ctx.formParam("place");
        if (place == null || config.place(place).isEmpty()) {
            done(ctx, visit, new Result("chair.error.choose", List.of()));
            return;
        }
        done(ctx, visit, chairs.seat(visit.id(), place, Pages.actor(ctx)));
    }

    private void cleaned(Context ctx) {
        Result result = chairs.cleaned(ctx.pathParam("id"), Pages.actor(ctx));
        ctx.redirect("/desk?notice=" + (result.done() ? "done" : "changed"), HttpStatus.SEE_OTHER);
    }

    // Vitals

    private void vitals(Context ctx, Visit visit) {
        Form form = new Form(ctx, messages);
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : VITAL_FIELDS) {
            values.put(f, form.text(f, "vitals." + f, 8));
        }
        Integer systolic = whole(form, "systolic", values, 50, 300);
        Integer diastolic = whole(form, "diastolic", values, 20, 200);
        Integer heartRate = whole(form, "heartRate", values, 20, 250);
        Integer spo2 = whole(form, "spo2", values, 50, 100);
        BigDecimal weight = weight(form, values, weightNeeded(visit, chairs.sheet(visit)));
        if (systolic != null && diastolic != null && diastolic >= systolic) {
            form.errorKey("diastolic", "vitals.error.diastolic_below");
        }
        if (!form.valid()) {
            renderSheet(ctx, visit, HttpStatus.UNPROCESSABLE_CONTENT, null, "vitals", form.errors(), values);
            return;
        }
        done(ctx, visit, chairs.recordVitals(visit.id(), new Vitals.Reading(systolic, diastolic, heartRate, spo2, weight),
                Pages.actor(ctx)));
    }

    private static Integer whole(Form form, String field, Map<String, String> values, int min, int max) {
        String text = values.get(field);
        if (text.isEmpty()) {
            form.errorKey(field, "vitals.error." + field);
            return null;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the message below says what to enter
        }
        form.errorKey(field, "vitals.error.range", min, max);
        return null;
    }

    private static BigDecimal weight(Form form, Map<String, String> values, boolean needed) {
        String text = values.get("weight");
        if (text.isEmpty()) {
            if (needed) {
                form.errorKey("weight", "vitals.error.weight");
            }
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.scale() <= 1 && value.compareTo(BigDecimal.valueOf(20)) >= 0
                    && value.compareTo(BigDecimal.valueOf(350)) <= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the message below says what to enter
        }
        form.errorKey("weight", "vitals.error.weight_range");
        return null;
    }

    /** Weight is taken once while seated, before the infusion: dosing is per kg. */
    private static boolean weightNeeded(Visit visit, ChairService.Sheet sheet) {
        return visit.state() == VisitState.SEATED
                && sheet.vitals().stream().noneMatch(v -> v.weightKg() != null);
    }

    // Gate, end, events, hold, discharge

    private void override(Context ctx, Visit visit) {
        Form form = new Form(ctx, messages);
        String reason = form.required("overrideReason", "chair.override_reason", 200, "chair.error.override_reason");
        if (!form.valid()) {
            renderSheet(ctx, visit, HttpStatus.UNPROCESSABLE_CONTENT, null, "override", form.errors(), Map.of("overrideReason", reason));
            return;
        }
        done(ctx, visit, chairs.override(visit.id(), reason, Pages.actor(ctx)));
    }

    private void end(Context ctx, Visit visit) {
        Form form = new Form(ctx, messages);
        boolean early = "yes".equals(ctx.formParam("early"));
        String reason = early ? form.required("earlyReason", "chair.early_reason", 200, "chair.error.early_reason") : null;
        if (!form.valid()) {
            renderSheet(ctx, visit, HttpStatus.UNPROCESSABLE_CONTENT, null, "end", form.errors(), Map.of("earlyReason", ""));
            return;
        }
        done(ctx, visit, chairs.end(visit.id(), reason, Pages.actor(ctx)));
    }

    /** A choice from a list and its note, which "other" makes required. */
    private record Picked(String value, String note) {}

    private static Picked pick(Form form, String field, List<String> choices, String choiceError, String noteField,
                               String noteLabel, int max, String noteError) {
        String value = form.choice(field, Set.copyOf(choices), choiceError);
        String note = "other".equals(value) ? form.required(noteField, noteLabel, max, noteError)
                : form.text(noteField, noteLabel, max);
        return new Picked(value, note);
    }

    private void event(Context ctx, Visit visit) {
        Form form = new Form(ctx, messages);
        Picked event = pick(form, "kind", ChairEvent.KINDS, "chair.error.event_kind", "eventNote", "chair.event_note",
                500, "chair.error.event_note");
        if (!form.valid()) {
            renderSheet(ctx, visit, HttpStatus.UNPROCESSABLE_CONTENT, null, "event", form.errors(),
                    Map.of("kind", event.value(), "eventNote", event.note()));
            return;
        }
        done(ctx, visit, chairs.recordEvent(visit.id(), event.value(), event.note().isEmpty() ? null : event.note(),
                Pages.actor(ctx)));
    }

    private void hold(Context ctx, Visit visit) {
        Form form = new Form(ctx, messages);
        Picked hold = pick(form, "holdReason", ChairService.HOLD_REASONS, "chair.error.hold_reason", "holdNote",
                "chair.hold_note", 200, "chair.error.hold_note");
        if (!form.valid()) {
            renderSheet(ctx, visit, HttpStatus.UNPROCESSABLE_CONTENT, null, "hold", form.errors(),
                    Map.of("holdReason", hold.value(), "holdNote", hold.note()));
            return;
        }
        done(ctx, visit, chairs.hold(visit.id(), hold.value(), hold.note(), Pages.actor(ctx)));
    }

    private void ivNote(Context ctx, Visit visit) {
        Form form = new Form(ctx, messages);
        String note = form.required("ivNote", "chair.iv_note", 300, "chair.error.iv_note");
        if (!form.valid()) {
            renderSheet(ctx, visit, HttpStatus.UNPROCESSABLE_CONTENT, null, "iv", form.errors(), Map.of("ivNote", note));
            return;
        }
        done(ctx, visit, chairs.ivNote(visit.id(), note, Pages.actor(ctx)));
    }

    private void discharge(Context ctx, Visit visit) {
        Form form = new Form(ctx, messages);
        List<String> checked = form.values("criteria");
        String escort = form.text("escort", "discharge.escort", 16);
        String other = form.text("otherEscort", "discharge.other_escort", 100);
        boolean room = visit.state() == VisitState.IN_ROOM;
        if (!room) {
            if (!checked.containsAll(List.of("vitals", "walking", "nausea", "oriented"))) {
                form.errorKey("criteria", "discharge.error.criteria");
            }
            if (!"given".equals(escort) && !"other".equals(escort)) {
                form.errorKey("escort", "discharge.error.escort");
            } else if ("given".equals(escort) && visit.escortName() == null) {
                form.errorKey("escort", "discharge.error.no_given_escort");
            } else if ("other".equals(escort) && other.isEmpty()) {
                form.errorKey("otherEscort", "discharge.error.other_escort");
            }
        }
        if (!form.valid()) {
            renderSheet(ctx, visit, HttpStatus.UNPROCESSABLE_CONTENT, null, "discharge", form.errors(),
                    Map.of("criteria", String.join(",", checked), "escort", escort, "otherEscort", other));
            return;
        }
        Discharge.Checklist checklist = new Discharge.Checklist(checked.contains("vitals"), checked.contains("walking"),
                checked.contains("nausea"), checked.contains("oriented"), "given".equals(escort),
                "other".equals(escort) ? other : null);
        done(ctx, visit, chairs.discharge(visit.id(), checklist, Pages.actor(ctx)));
    }

    // The chair sheet

    public record VitalsRow(String time, String phase, String pressure, boolean high, int heartRate, int spo2,
                            String weight, String by) {}

    public record EventRow(String time, String kind, String note, String by) {}

    public record HistoryRow(String time, VisitState from, VisitState to, String by, String reason) {}

    public record SheetPage(long visitId, long appointmentId, String ticket, String name, String visitType, VisitState state,
                            boolean room, String place, Board.Timer timer, String escortName, String escortPlan,
                            String escortBack, List<VitalsRow> vitals, String lastWeight, String vitalsDue,
                            boolean weightNeeded, String lastPressure, boolean high, boolean overridden,
                            String threshold, boolean block, int alerts, List<EventRow> events,
                            List<HistoryRow> history, boolean undo, boolean clinician, String problem, String form,
                            FormErrors errors, Map<String, String> values, List<String> holdReasons,
                            List<String> eventKinds, List<Board.Choice> choices, List<String> closings,
                            String previousIvNote) {}

    private void renderSheet(Context ctx, Visit visit, HttpStatus status, String problem, String formName,
                             FormErrors errors, Map<String, String> given) {
        Booking b = schedule.booking(visit.appointmentId()).orElseThrow();
        ChairService.Sheet sheet = chairs.sheet(visit);
        audit.record(new AuditLog.Event(Pages.actor(ctx), "chair.view", b.patientId(),
                "visit " + visit.id() + ": chair sheet", Pages.remote(ctx)));
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : List.of("systolic", "diastolic", "heartRate", "spo2", "weight", "overrideReason", "earlyReason",
                "kind", "eventNote", "holdReason", "holdNote", "criteria", "escort", "otherEscort")) {
            values.put(key, given.getOrDefault(key, ""));
        }
        values.put("ivNote", given.getOrDefault("ivNote", visit.ivNote() == null ? "" : visit.ivNote()));
        KioskConfig.ChairCare care = chairs.care();
        List<VitalsRow> vitals = sheet.vitals().stream().map(v -> new VitalsRow(time.time(v.takenAt()), v.phase(),
                v.pressure(), v.above(care.holdSystolic(), care.holdDiastolic()), v.heartRate(), v.spo2(),
                v.weightKg() == null ? "" : v.weightKg().toPlainString(), v.staffName())).toList();
        List<EventRow> events = sheet.events().stream().map(e -> new EventRow(time.time(e.at()), e.kind(),
                e.note() == null ? "" : e.note(), e.staffName())).toList();
        List<Transition> transitions = chairs.transitions(visit.id());
        List<HistoryRow> history = transitions.stream().map(t -> new HistoryRow(time.time(t.at()), t.fromState(),
                t.toState(), t.actorName(), t.reason() == null ? "" : t.reason())).toList();
        Transition last = transitions.isEmpty() ? null : transitions.get(transitions.size() - 1);
        boolean undo = last != null && last.toState().equals(visit.state())
                && chairs.undoable(last.toState(), last.undoOf() != null, last.actorKind(), last.at());
        VisitState state = visit.state();
        String vitalsDue = null;
        if (state == VisitState.INFUSING || state == VisitState.RECOVERING) {
            Instant lastReading = sheet.vitals().isEmpty() ? null : sheet.vitals().get(sheet.vitals().size() - 1).takenAt();
            vitalsDue = time.time(chairs.vitalsDue(lastReading, visit.stateSince()));
        }
        StaffAccount account = StaffAccess.account(ctx);
        boolean clinician = account != null && config.chairCare().overrideRoles().contains(account.role());
        boolean chairVisit = config.visitType(b.visitType()).map(t -> t.place() == KioskConfig.PlaceKind.CHAIR).orElse(true);
        List<Board.Choice> choices = state != VisitState.READY ? List.of() : chairs.places().stream()
                .filter(p -> p.free() && p.chair() == chairVisit)
                .map(p -> new Board.Choice(p.id(), chairs.placeName(p.id()))).toList();
        ChairService.Gate gate = sheet.gate();
        Board.Timer timer = board.timer(visit.state(), visit.stateSince(), b.visitType(), time.now());
        ctx.status(status);
        Pages.render(ctx, "chair/sheet", new SheetPage(visit.id(), visit.appointmentId(), visit.ticket(),
                b.lastName() + ", " + b.firstName(), config.visitType(b.visitType()).map(KioskConfig.VisitType::label).orElse(b.visitType()),
                visit.state(), !chairVisit, chairs.placeOf(visit.id()).map(p -> chairs.placeName(p.id())).orElse(null),
                timer, visit.escortName(), visit.escortPlan(), visit.escortReturnsAt(), vitals,
                sheet.lastWeight().map(w -> w.weightKg().toPlainString() + " kg, " + time.dateTime(w.takenAt())).orElse(null),
                vitalsDue, weightNeeded(visit, sheet), gate.lastVitals().map(Vitals::pressure).orElse(null), gate.high(),
                gate.overridden(), care.holdSystolic() + "/" + care.holdDiastolic(), chairs.blockOpen(visit.id()),
                chairs.alertsPending(visit.id()), events, history, undo, clinician, problem,
                formName, errors, values, ChairService.HOLD_REASONS, ChairEvent.KINDS, choices,
                ChairService.closings(state).stream().map(Enum::name).toList(), chairs.previousIvNote(visit).orElse(null)));
    }

    // The end of the day

    /** {@code followUpNeeded}: closing it as left needs a clinician's named follow-up (a safety flag is outstanding). */
    public record OpenVisit(long visitId, long appointmentId, String day, String time, String ticket, String name,
                            VisitState state, List<VisitState> closings, boolean inChair, boolean followUpNeeded) {}

    /** {@code followUp}: the follow-up fields of the visit with a problem; {@code noFollowUp} for the others. */
    public record EndOfDayPage(List<OpenVisit> open, List<OpenVisit> notArrived, boolean afterClosing, String closes,
                               String problem, Long problemVisit, FormErrors errors, FollowUpForm.Fields followUp,
                               FollowUpForm.Fields noFollowUp, FormErrors noErrors) {}

    private void endOfDay(Context ctx) {
        renderEndOfDay(ctx, HttpStatus.OK, null, null, FormErrors.NONE, followUps.empty());
    }

    private void renderEndOfDay(Context ctx, HttpStatus status, String problem, Long problemVisit, FormErrors errors,
                                FollowUpForm.Fields followUp) {
        Board.Columns columns = board.today(Pages.actor(ctx), Pages.remote(ctx));
        List<OpenVisit> open = new ArrayList<>();
        for (Board.Card c : columns.earlierOpen()) {
            open.add(openVisit(c));
        }
        List<OpenVisit> notArrived = new ArrayList<>();
        for (List<Board.Card> column : List.of(columns.arrived(), columns.needsReview(), columns.ready(), columns.seated(),
                columns.infusing(), columns.recovering(), columns.waitingForEscort(), columns.inRoom())) {
            column.forEach(c -> open.add(openVisit(c)));
        }
        columns.expected().forEach(c -> notArrived.add(openVisit(c)));
        String closes = config.clinic().hoursOn(time.today().getDayOfWeek())
                .map(h -> h.closes().format(java.time.format.DateTimeFormatter.ofPattern("h:mm a", java.util.Locale.US)))
                .orElse(null);
        ctx.status(status);
        Pages.render(ctx, "chair/end_of_day", new EndOfDayPage(open, notArrived,
                board.afterClosing(time.today(), time.now()), closes, problem, problemVisit, errors, followUp,
                followUps.empty(), FormErrors.NONE));
    }

    private OpenVisit openVisit(Board.Card c) {
        VisitState state = c.state();
        boolean followUp = c.visitId() != null && ChairService.closings(state).contains(VisitState.LEFT)
                && visits.followUpNeeded(c.visitId());
        return new OpenVisit(c.visitId() == null ? 0 : c.visitId(), c.appointmentId(), c.day(), c.time(), c.ticket(),
                c.name(), state, ChairService.closings(state), state.holdsPlace(), followUp);
    }

    private void close(Context ctx, Visit visit) {
        Form form = new Form(ctx, messages);
        List<String> allowed = ChairService.closings(visit.state()).stream().map(Enum::name).toList();
        String outcome = form.choice("outcome-" + visit.id(), Set.copyOf(allowed), "end_of_day.error.outcome");
        String reason = form.required("reason-" + visit.id(), "end_of_day.reason", 200, "end_of_day.error.reason");
        String suffix = "-" + visit.id();
        FollowUp followUp = VisitState.LEFT.name().equals(outcome) && visits.followUpNeeded(visit.id())
                ? followUps.read(form, suffix).orElse(null) : null;
        if (!form.valid()) {
            renderEndOfDay(ctx, HttpStatus.UNPROCESSABLE_CONTENT, null, visit.id(), form.errors(), followUps.typed(form, suffix));
            return;
        }
        Result result = chairs.close(visit.id(), VisitState.valueOf(outcome), reason, Pages.actor(ctx), followUp);
        if (!result.done()) {
            renderEndOfDay(ctx, HttpStatus.CONFLICT, message(ctx, result), visit.id(), FormErrors.NONE, followUps.typed(form, suffix));
            return;
        }
        ctx.redirect("/desk/end-of-day", HttpStatus.SEE_OTHER);
    }
}
