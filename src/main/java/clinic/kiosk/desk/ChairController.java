package clinic.kiosk.desk;

import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.queue.Alarms;
import clinic.kiosk.queue.ChairEvent;
import clinic.kiosk.queue.ChairService;
import clinic.kiosk.queue.ChairService.Result;
import clinic.kiosk.queue.DischargeCheck;
import clinic.kiosk.queue.FollowUp;
import clinic.kiosk.queue.MedicationGiven;
import clinic.kiosk.queue.Transition;
import clinic.kiosk.queue.Visit;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.queue.VisitState;
import clinic.kiosk.queue.Vitals;
import clinic.kiosk.schedule.Booking;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.screening.AnswerHistory;
import clinic.kiosk.screening.FlagRow;
import clinic.kiosk.screening.ScreeningService;
import clinic.kiosk.screening.TreatmentResponse;
import clinic.kiosk.staff.Role;
import clinic.kiosk.staff.StaffAccess;
import clinic.kiosk.staff.StaffAccount;
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
import java.util.function.Supplier;

/**
 * The nurse's actions in the chair, on the board's cards and on the chair sheet: seat, record vitals, start and end
 * the infusion (the gate and its override), in-chair events, hold, lounge, discharge, undo; a chair cleaned; and
 * the end of the day, where every visit still open is closed by someone with a reason.
 */
public final class ChairController {
    private static final List<String> VITAL_FIELDS = List.of("systolic", "diastolic", "heartRate", "spo2", "respiratoryRate",
            "sedation", "dissociation", "weight");
    /** The Richmond Agitation-Sedation Scale, +4 to -5, as the form offers it. */
    static final List<String> RASS = List.of("4", "3", "2", "1", "0", "-1", "-2", "-3", "-4", "-5");
    /** The dissociation rating on the CADSS's anchors, 0 to 4. */
    static final List<String> DISSOCIATION = List.of("0", "1", "2", "3", "4");

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
    private final ScreeningService screening;
    private final DischargeInstructions instructions;
    private final Supplier<List<StaffAccount>> clinicalStaff;

    public ChairController(ChairService chairs, VisitService visits, ScheduleService schedule, Board board,
                           AuditLog audit, Messages messages, KioskConfig config, ClinicTime time,
                           Supplier<List<StaffAccount>> clinicians,
                           Supplier<List<StaffAccount>> clinicalStaff,
                           ScreeningService screening, DischargeInstructions instructions) {
        this.followUps = new FollowUpForm(clinicians);
        this.clinicalStaff = clinicalStaff;
        this.screening = screening;
        this.instructions = instructions;
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
        c.routes.post("/desk/visits/{id}/medication", ctx -> withVisit(ctx, v -> medication(ctx, v)), nurses);
        c.routes.post("/desk/visits/{id}/medication/{entry}/void", ctx -> withVisit(ctx, v -> voidMedication(ctx, v)), nurses);
        c.routes.get("/desk/visits/{id}/instructions", ctx -> withVisit(ctx, v -> instructionsPage(ctx, v)), nurses);
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
        Integer respiratoryRate = whole(form, "respiratoryRate", values, 2, 80);
        Integer sedation = whole(form, "sedation", values, -5, 4);
        Integer dissociation = whole(form, "dissociation", values, 0, 4);
        BigDecimal weight = weight(form, values, weightNeeded(visit, chairs.sheet(visit)));
        if (systolic != null && diastolic != null && diastolic >= systolic) {
            form.errorKey("diastolic", "vitals.error.diastolic_below");
        }
        if (!form.valid()) {
            renderSheet(ctx, visit, HttpStatus.UNPROCESSABLE_CONTENT, null, "vitals", form.errors(), values);
            return;
        }
        done(ctx, visit, chairs.recordVitals(visit.id(), new Vitals.Reading(systolic, diastolic, heartRate, spo2,
                respiratoryRate, sedation, dissociation, weight), Pages.actor(ctx)));
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
        String override = form.text("overrideReason", "discharge.override_reason", 300);
        boolean room = visit.state() == VisitState.IN_ROOM;
        Map<String, String> typed = Map.of("criteria", String.join(",", checked), "escort", escort, "otherEscort", other,
                "overrideReason", override);
        if (!room) {
            if (!"given".equals(escort) && !"other".equals(escort)) {
                form.errorKey("escort", "discharge.error.escort");
            } else if ("given".equals(escort) && visit.escortName() == null) {
                form.errorKey("escort", "discharge.error.no_given_escort");
            } else if ("other".equals(escort) && !DischargeCheck.realName(other)) {
                form.errorKey("otherEscort", "discharge.error.other_escort");
            }
            if (!override.isEmpty() && !mayOverride(ctx)) {
                form.errorKey("overrideReason", "discharge.error.override_role");
            }
        }
        if (!form.valid()) {
            renderSheet(ctx, visit, HttpStatus.UNPROCESSABLE_CONTENT, null, "discharge", form.errors(), typed);
            return;
        }
        DischargeCheck.Ticked ticked = ticked(checked);
        Result result = chairs.discharge(visit.id(), ticked, "given".equals(escort), "other".equals(escort) ? other : null,
                override.isEmpty() ? null : override, Pages.actor(ctx));
        if (!result.done() && result.problem().equals("discharge.error.missing")) {
            form.errorKey("criteria", "discharge.error.missing");
            renderSheet(ctx, visit, HttpStatus.UNPROCESSABLE_CONTENT, null, "discharge", form.errors(), typed);
            return;
        }
        done(ctx, visit, result);
    }

    private static DischargeCheck.Ticked ticked(List<String> checked) {
        return new DischargeCheck.Ticked(checked.contains("walking"), checked.contains("nausea"),
                checked.contains("oriented"), checked.contains("instructions"));
    }

    /** A clinician (chair_care.override_roles) may discharge with criteria missing, giving the reason. */
    private boolean mayOverride(Context ctx) {
        StaffAccount account = StaffAccess.account(ctx);
        return account != null && config.chairCare().overrideRoles().contains(account.role());
    }

    // The medication record

    private void medication(Context ctx, Visit visit) {
        Form form = new Form(ctx, messages);
        String id = form.choice("medication", config.medications().keySet(), "medication.error.choose");
        String doseText = form.required("dose", "medication.dose", 10, "medication.error.dose_missing");
        String lot = form.required("lot", "medication.lot", 64, "medication.error.lot");
        String preparedBy = form.required("preparedBy", "medication.prepared_by", 100, "medication.error.prepared_by");
        BigDecimal dose = null;
        if (!doseText.isEmpty()) {
            try {
                dose = new BigDecimal(doseText.replace(',', '.'));
                if (dose.scale() > 3) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                form.errorKey("dose", "medication.error.dose_number");
            }
        }
        if (!preparedBy.isEmpty() && clinicalStaff.get().stream().noneMatch(a -> a.displayName().equals(preparedBy))) {
            form.errorKey("preparedBy", "medication.error.prepared_by");
        }
        Map<String, String> typed = Map.of("medication", id, "dose", doseText, "lot", lot, "preparedBy", preparedBy);
        if (!form.valid()) {
            renderSheet(ctx, visit, HttpStatus.UNPROCESSABLE_CONTENT, null, "medication", form.errors(), typed);
            return;
        }
        Result result = chairs.giveMedication(visit.id(), id, dose, lot, preparedBy, Pages.actor(ctx));
        if (!result.done() && result.problem().startsWith("medication.error.")) {
            form.errorKey(result.problem().equals("medication.error.dose") ? "dose" : "medication", result.problem(),
                    result.args().toArray());
            renderSheet(ctx, visit, HttpStatus.UNPROCESSABLE_CONTENT, null, "medication", form.errors(), typed);
            return;
        }
        done(ctx, visit, result);
    }

    private void voidMedication(Context ctx, Visit visit) {
        Form form = new Form(ctx, messages);
        String reason = form.required("voidReason", "medication.void_reason", 300, "medication.error.void_reason");
        long entry;
        try {
            entry = Long.parseLong(ctx.pathParam("entry"));
        } catch (NumberFormatException e) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        if (!form.valid()) {
            renderSheet(ctx, visit, HttpStatus.UNPROCESSABLE_CONTENT, null, "void-" + entry, form.errors(), Map.of());
            return;
        }
        done(ctx, visit, chairs.voidMedication(visit.id(), entry, reason, Pages.actor(ctx)));
    }

    /** The discharge instructions in the patient's language, to read with them and print. */
    public record InstructionsPage(long visitId, String name, String date, String language, DischargeInstructions.Text text) {}

    private void instructionsPage(Context ctx, Visit visit) {
        Booking b = schedule.booking(visit.appointmentId()).orElseThrow();
        String language = "es".equals(ctx.queryParam("lang")) ? "es" : "en".equals(ctx.queryParam("lang")) ? "en"
                : screening.language(visit.id());
        DischargeInstructions.Text text = instructions.in(language); // English when the clinic has no translation
        audit.record(new AuditLog.Event(Pages.actor(ctx), "chair.instructions", b.patientId(),
                "visit " + visit.id() + ": discharge instructions (" + text.language() + ")", Pages.remote(ctx)));
        Pages.render(ctx, "chair/instructions", new InstructionsPage(visit.id(), b.firstName() + " " + b.lastName(),
                time.today().toString(), text.language(), text));
    }

    // The chair sheet

    /** {@code alarm}: a value of this reading is past a stop-and-call threshold. */
    public record VitalsRow(String time, String phase, String pressure, boolean high, int heartRate, int spo2,
                            String respiratoryRate, String sedation, String dissociation, String weight, String by,
                            boolean alarm) {}

    public record EventRow(String time, String kind, String note, String by) {}

    public record HistoryRow(String time, VisitState from, VisitState to, String by, String reason) {}

    /** A medication given: what, how much, the lot, who prepared and gave it, when; {@code voidable} before it ran. */
    public record MedicationRow(long id, String name, String dose, String lot, String preparedBy, String givenBy,
                                String started, String ended, String voided, boolean voidable, boolean infusion) {}

    /** A medication the form offers: its usual dose in its unit. */
    public record MedicationChoice(String id, String name, String unit, String dose, boolean infusion) {}

    /** {@code tick}: one the nurse ticks (walking, nausea, oriented, instructions); the others are measured. */
    public record CriterionRow(String key, boolean met, String detail, boolean tick) {}

    /**
     * What the nurse needs without another click: the intake's allergies and medicines, the emergency contact,
     * baseline vitals, this course's earlier infusions and doses, and the PHQ-9 over the course.
     */
    public record Panel(List<AnswerHistory> intake, String emergencyContact, VitalsRow baseline,
                        List<String> pastInfusions, String response, TreatmentResponse.Chart chart) {}

    public record SheetPage(long visitId, long appointmentId, String ticket, String name, String visitType, VisitState state,
                            boolean room, String place, Board.Timer timer, String escortName, String escortPlan,
                            String escortBack, List<VitalsRow> vitals, String lastWeight, String vitalsDue,
                            boolean weightNeeded, String lastPressure, boolean high, boolean overridden,
                            String threshold, boolean block, int alerts, List<String> alarms, List<EventRow> events,
                            List<HistoryRow> history, boolean undo, boolean clinician, String problem, String form,
                            FormErrors errors, Map<String, String> values, List<String> holdReasons,
                            List<String> eventKinds, List<Board.Choice> choices, List<VisitState> closings,
                            String previousIvNote, List<MedicationRow> medications, List<MedicationChoice> medicationChoices,
                            List<String> preparers, boolean infusionRecorded, List<CriterionRow> criteria,
                            boolean measuredMet, Panel panel, List<String> rass,
                            List<String> dissociationScale) {}

    private VitalsRow row(Vitals v, KioskConfig.ChairCare care) {
        boolean alarm = v.respiratoryRate() != null && v.sedation() != null && v.dissociation() != null
                && !Alarms.of(new Vitals.Reading(v.systolic(), v.diastolic(), v.heartRate(), v.spo2(),
                v.respiratoryRate(), v.sedation(), v.dissociation(), null), care.call()).isEmpty();
        return new VitalsRow(time.time(v.takenAt()), v.phase(), v.pressure(), v.above(care.holdSystolic(), care.holdDiastolic()),
                v.heartRate(), v.spo2(), v.respiratoryRate() == null ? "" : v.respiratoryRate().toString(),
                v.sedation() == null ? "" : (v.sedation() > 0 ? "+" : "") + v.sedation(),
                v.dissociation() == null ? "" : v.dissociation().toString(),
                v.weightKg() == null ? "" : v.weightKg().toPlainString(), v.staffName(), alarm);
    }

    private void renderSheet(Context ctx, Visit visit, HttpStatus status, String problem, String formName,
                             FormErrors errors, Map<String, String> given) {
        Booking b = schedule.booking(visit.appointmentId()).orElseThrow();
        ChairService.Sheet sheet = chairs.sheet(visit);
        audit.record(new AuditLog.Event(Pages.actor(ctx), "chair.view", b.patientId(),
                "visit " + visit.id() + ": chair sheet", Pages.remote(ctx)));
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : List.of("systolic", "diastolic", "heartRate", "spo2", "respiratoryRate", "sedation", "dissociation",
                "weight", "overrideReason", "earlyReason", "kind", "eventNote", "holdReason", "holdNote", "criteria", "escort",
                "otherEscort", "medication", "dose", "lot", "preparedBy")) {
            values.put(key, given.getOrDefault(key, ""));
        }
        values.put("ivNote", given.getOrDefault("ivNote", visit.ivNote() == null ? "" : visit.ivNote()));
        KioskConfig.ChairCare care = chairs.care();
        List<VitalsRow> vitals = sheet.vitals().stream().map(v -> row(v, care)).toList();
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
        if (ChairService.monitored(state)) {
            Instant lastReading = sheet.vitals().isEmpty() ? null : sheet.vitals().get(sheet.vitals().size() - 1).takenAt();
            vitalsDue = time.time(chairs.vitalsDue(state, lastReading, visit.stateSince()));
        }
        boolean clinician = mayOverride(ctx);
        boolean chairVisit = config.visitType(b.visitType()).map(t -> t.place() == KioskConfig.PlaceKind.CHAIR).orElse(true);
        List<Board.Choice> choices = state != VisitState.READY ? List.of() : chairs.places().stream()
                .filter(p -> p.free() && p.chair() == chairVisit)
                .map(p -> new Board.Choice(p.id(), chairs.placeName(p.id()))).toList();
        ChairService.Gate gate = sheet.gate();
        Board.Timer timer = board.timer(visit.state(), visit.stateSince(), b.visitType(), time.now());
        List<String> alarms = screening.flags(visit.id()).stream()
                .filter(f -> f.blocking() && KioskConfig.CallThresholds.FLAG_CODES.contains(f.code()))
                .map(FlagRow::clinicianMessage).toList();
        List<MedicationGiven> given2 = chairs.medications(visit.id());
        List<MedicationRow> medications = given2.stream().map(m -> new MedicationRow(m.id(), m.name(), m.describe(), m.lot(),
                m.preparedBy(), m.givenBy(), m.startedAt() == null ? null : time.time(m.startedAt()),
                m.endedAt() == null ? null : time.time(m.endedAt()),
                m.voided() ? time.time(m.voidedAt()) + " by " + m.voidedBy() + ": " + m.voidReason() : null,
                !m.voided() && m.startedAt() == null, m.infusion())).toList();
        boolean infusionRecorded = given2.stream().anyMatch(m -> m.infusion() && !m.voided());
        List<MedicationChoice> medicationChoices = config.medications().values().stream()
                .filter(m -> state == VisitState.SEATED ? !(m.kind() == KioskConfig.MedicationKind.INFUSION && infusionRecorded)
                        : m.kind() == KioskConfig.MedicationKind.ADJUNCT)
                .map(m -> new MedicationChoice(m.id(), m.name(), m.unit(), m.dose().stripTrailingZeros().toPlainString(),
                        m.kind() == KioskConfig.MedicationKind.INFUSION)).toList();
        boolean discharging = state == VisitState.RECOVERING || state == VisitState.WAITING_FOR_ESCORT;
        List<String> ticked = List.of(values.get("criteria").split(","));
        List<DischargeCheck.Criterion> criteria = discharging ? chairs.dischargeCriteria(visit, ticked(ticked),
                !"other".equals(values.get("escort")), values.get("otherEscort")) : List.of();
        ctx.status(status);
        Pages.render(ctx, "chair/sheet", new SheetPage(visit.id(), visit.appointmentId(), visit.ticket(),
                b.lastName() + ", " + b.firstName(), config.visitType(b.visitType()).map(KioskConfig.VisitType::label).orElse(b.visitType()),
                visit.state(), !chairVisit, chairs.placeOf(visit.id()).map(p -> chairs.placeName(p.id())).orElse(null),
                timer, visit.escortName(), visit.escortPlan(), visit.escortReturnsAt(), vitals,
                sheet.lastWeight().map(w -> w.weightKg().toPlainString() + " kg, " + time.dateTime(w.takenAt())).orElse(null),
                vitalsDue, weightNeeded(visit, sheet), gate.lastVitals().map(Vitals::pressure).orElse(null), gate.high(),
                gate.overridden(), care.holdSystolic() + "/" + care.holdDiastolic(), chairs.blockOpen(visit.id()),
                chairs.alertsPending(visit.id()), alarms, events, history, undo, clinician, problem,
                formName, errors, values, ChairService.HOLD_REASONS, ChairEvent.KINDS, choices,
                ChairService.closings(state), chairs.previousIvNote(visit).orElse(null), medications, medicationChoices,
                clinicalStaff.get().stream().map(StaffAccount::displayName).toList(), infusionRecorded,
                criteria.stream().map(c -> new CriterionRow(c.key(), c.met(), detail(c), DischargeCheck.TICKS.contains(c.key()))).toList(),
                criteria.stream().filter(c -> !DischargeCheck.TICKS.contains(c.key())).allMatch(DischargeCheck.Criterion::met), panel(visit, b, sheet, care), RASS, DISSOCIATION));
    }

    /** A criterion's detail as the nurse reads it: the time observation ends, in the clinic's zone. */
    private String detail(DischargeCheck.Criterion c) {
        if (c.key().equals("observation") && !c.detail().isEmpty()) {
            return time.time(Instant.parse(c.detail()));
        }
        return c.detail();
    }

    private Panel panel(Visit visit, Booking b, ChairService.Sheet sheet, KioskConfig.ChairCare care) {
        VitalsRow baseline = sheet.vitals().stream().filter(v -> v.phase().equals("before")).findFirst()
                .map(v -> row(v, care)).orElse(null);
        List<String> past = chairs.pastInfusions(visit).stream()
                .filter(p -> b.courseId() == null || b.courseId().equals(p.courseId())).limit(8)
                .map(p -> p.visitDate() + (p.courseNumber() == null ? "" : " (" + p.courseNumber()
                        + (p.courseLength() == null ? "" : " of " + p.courseLength()) + ")") + ": "
                        + (p.doseMgPerKg() == null ? p.doseMg().toPlainString() + " mg"
                        : p.doseMgPerKg().stripTrailingZeros().toPlainString() + " mg/kg = " + p.doseMg().toPlainString() + " mg")
                        + " " + p.route()).toList();
        Optional<TreatmentResponse> response = screening.treatmentResponse(visit.patientId(), b.courseId());
        return new Panel(screening.latestAnswers(visit.patientId(), care.sheetAnswers()),
                schedule.emergencyContact(visit.patientId()).orElse(null), baseline, past,
                response.map(TreatmentResponse::line).orElse(null), response.map(TreatmentResponse::chart).orElse(null));
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
