package clinic.kiosk.desk;

import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.queue.QueueEvents;
import clinic.kiosk.device.DeviceAccess;
import clinic.kiosk.device.DeviceRole;
import clinic.kiosk.queue.Visit;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.queue.VisitState;
import clinic.kiosk.schedule.Booking;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.staff.Role;
import clinic.kiosk.staff.StaffAccess;
import clinic.kiosk.web.DateField;
import clinic.kiosk.web.Form;
import clinic.kiosk.web.FormErrors;
import clinic.kiosk.web.Messages;
import clinic.kiosk.web.Pages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desk board, live on every open screen, and what the desk does from it: mark a no-show, a cancellation or a
 * patient who left (each with a reason), add a walk-in, and link a walk-in to the main records.
 */
public final class DeskController implements AutoCloseable {
    /** The state a desk action moves a visit to, and the states it may come from. */
    private record Action(VisitState to, List<VisitState> from) {}

    private static final Map<String, Action> ACTIONS = Map.of(
            "no-show", new Action(VisitState.NO_SHOW, List.of(VisitState.EXPECTED)),
            "cancel", new Action(VisitState.CANCELLED, List.of(VisitState.EXPECTED, VisitState.ARRIVED, VisitState.NEEDS_REVIEW, VisitState.READY)),
            "left", new Action(VisitState.LEFT, List.of(VisitState.ARRIVED, VisitState.NEEDS_REVIEW, VisitState.READY,
                    VisitState.RECOVERING, VisitState.WAITING_FOR_ESCORT, VisitState.IN_ROOM)));

    private final Board board;
    private final LiveBoard live;
    private final VisitService visits;
    private final ScheduleService schedule;
    private final DeviceAccess devices;
    private final Messages messages;
    private final KioskConfig config;

    private final ClinicTime time;
    private final FollowUpForm followUps;

    public DeskController(Board board, QueueEvents events, VisitService visits, ScheduleService schedule,
                          DeviceAccess devices, Messages messages, KioskConfig config, ClinicTime time,
                          java.util.function.Supplier<List<clinic.kiosk.staff.StaffAccount>> clinicians) {
        this.followUps = new FollowUpForm(clinicians);
        this.board = board;
        this.live = new LiveBoard(events);
        this.time = time;
        this.visits = visits;
        this.schedule = schedule;
        this.devices = devices;
        this.messages = messages;
        this.config = config;
    }

    public void routes(JavalinConfig c) {
        c.routes.get("/desk", ctx -> renderBoard(ctx, true), Role.ANY);
        c.routes.get("/board", this::boardScreen);
        c.routes.get("/desk/board/columns", this::columns);
        c.routes.sse("/desk/events", client -> {
            if (mayWatch(client.ctx())) {
                live.join(client);
            } else {
                client.close();
            }
        });
        c.routes.get("/desk/appointments/{id}/{action}", this::confirmPage, Role.ANY);
        c.routes.post("/desk/appointments/{id}/{action}", this::act, Role.ANY);
        c.routes.get("/desk/walk-ins/new", ctx -> renderWalkIn(ctx, HttpStatus.OK, WalkInPage.empty(config)), Role.ANY);
        c.routes.post("/desk/walk-ins", this::walkIn, Role.ANY);
        c.routes.post("/desk/patients/{id}/link", this::link, Role.ANY);
    }

    // The board

    public record BoardPage(Board.Columns columns, boolean actions, boolean chairActions, boolean rooms, boolean walkIns,
                            String notice, String ticket) {}

    /** Whether this viewer works the chairs (seat, vitals, start, end, discharge): configured roles only. */
    private boolean chairActions(Context ctx) {
        clinic.kiosk.staff.StaffAccount account = StaffAccess.account(ctx);
        return account != null && config.chairCare().roles().contains(account.role());
    }

    private static boolean clinical(Context ctx) {
        clinic.kiosk.staff.StaffAccount account = StaffAccess.account(ctx);
        return account != null && account.roleEnum().clinical();
    }

    private boolean mayWatch(Context ctx) {
        return StaffAccess.account(ctx) != null
                || DeviceAccess.device(ctx).map(d -> d.roleEnum() == DeviceRole.BOARD).orElse(false);
    }

    private void renderBoard(Context ctx, boolean actions) {
        String notice = Optional.ofNullable(ctx.queryParam("notice"))
                .filter(n -> List.of("password", "checked_in", "changed", "done", "walk_in", "linked").contains(n))
                .map(n -> "desk.notice." + n).orElse(null);
        String ticket = ctx.queryParam("ticket");
        Pages.render(ctx, "desk/board", new BoardPage(board.today(Pages.actor(ctx), Pages.remote(ctx), clinical(ctx)), actions,
                actions && chairActions(ctx), !config.rooms().isEmpty(), config.kiosk().walkIns(), notice, ticket != null && ticket.matches("K-\\d{2,6}") ? ticket : null));
    }

    /**
     * The always-on desk screen: an enrolled board device shows the board all day without a staff session; a
     * signed-in staff member may open it too. It shows patients' names, so enrolment being off does not open it.
     */
    private void boardScreen(Context ctx) {
        boolean boardDevice = DeviceAccess.device(ctx).map(d -> d.roleEnum() == DeviceRole.BOARD).orElse(false);
        if (!boardDevice && StaffAccess.account(ctx) == null) {
            if (devices.enrollmentRequired()) {
                devices.admit(ctx, DeviceRole.BOARD);
            } else {
                ctx.redirect("/desk", HttpStatus.SEE_OTHER);
            }
            return;
        }
        renderBoard(ctx, !boardDevice);
    }

    private void columns(Context ctx) {
        if (!mayWatch(ctx)) {
            ctx.status(HttpStatus.UNAUTHORIZED).result("");
            return;
        }
        boolean actions = StaffAccess.account(ctx) != null;
        Pages.render(ctx, "desk/columns", new BoardPage(board.today(Pages.actor(ctx), Pages.remote(ctx), clinical(ctx)), actions,
                chairActions(ctx), !config.rooms().isEmpty(), config.kiosk().walkIns(), null, null));
    }

    // No-show, cancel, left: each with a reason, each settled by the database if two desks act at once

    /**
     * {@code followUpNeeded}: the visit has an open block or a high-risk flag, so ending it needs a clinician's
     * named follow-up ({@code followUp}: the clinicians to choose from and what was typed).
     */
    public record ActionPage(String action, long appointmentId, String name, String time, String state, String reason,
                             boolean followUpNeeded, FollowUpForm.Fields followUp, FormErrors errors) {}

    private Optional<Booking> bookingOf(Context ctx) {
        try {
            return schedule.booking(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private VisitState stateOf(Booking booking) {
        return visits.byAppointment(booking.appointmentId()).map(Visit::state).orElse(VisitState.EXPECTED);
    }

    private void confirmPage(Context ctx) {
        Action action = ACTIONS.get(ctx.pathParam("action"));
        Optional<Booking> booking = bookingOf(ctx);
        if (action == null || booking.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        renderAction(ctx, HttpStatus.OK, booking.get(), "", followUps.empty(), FormErrors.NONE);
    }

    private boolean followUpNeeded(Booking booking) {
        return visits.byAppointment(booking.appointmentId()).map(v -> visits.followUpNeeded(v.id())).orElse(false);
    }

    private void renderAction(Context ctx, HttpStatus status, Booking booking, String reason, FollowUpForm.Fields followUp,
                              FormErrors errors) {
        ctx.status(status);
        boolean needed = followUpNeeded(booking);
        Pages.render(ctx, "desk/action", new ActionPage(ctx.pathParam("action"), booking.appointmentId(),
                booking.lastName() + ", " + booking.firstName(), time.time(booking.startsAt()),
                stateOf(booking).name(), reason, needed, needed ? followUp : FollowUpForm.Fields.NONE, errors));
    }

    private void act(Context ctx) {
        Action action = ACTIONS.get(ctx.pathParam("action"));
        Optional<Booking> booking = bookingOf(ctx);
        if (action == null || booking.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        Form form = new Form(ctx, messages);
        String reason = form.required("reason", "action.reason", 200, "action.error.reason");
        String seen = form.text("state", "action.reason", 24);
        // A patient with a safety flag outstanding never leaves the record unnoted: a clinician's named follow-up.
        clinic.kiosk.queue.FollowUp followUp = followUpNeeded(booking.get()) ? followUps.read(form, "").orElse(null) : null;
        if (!form.valid()) {
            renderAction(ctx, HttpStatus.UNPROCESSABLE_CONTENT, booking.get(), reason, followUps.typed(form, ""), form.errors());
            return;
        }
        VisitState from;
        try {
            from = VisitState.valueOf(seen);
        } catch (IllegalArgumentException e) {
            from = stateOf(booking.get());
        }
        if (!action.from().contains(from)) {
            ctx.redirect("/desk?notice=changed", HttpStatus.SEE_OTHER);
            return;
        }
        VisitService.Moved moved = visits.end(booking.get().appointmentId(), from, action.to(), Pages.actor(ctx), reason, followUp);
        if (moved.followUpNeeded()) {
            // A flag was raised meanwhile: the follow-up is asked for now.
            form.errorKey("followUpClinician", "follow_up.error.clinician");
            renderAction(ctx, HttpStatus.UNPROCESSABLE_CONTENT, booking.get(), reason, followUps.typed(form, ""), form.errors());
            return;
        }
        ctx.redirect("/desk?notice=" + (moved.won() ? "done" : "changed"), HttpStatus.SEE_OTHER);
    }

    // Walk-ins

    public record Option(String value, String label) {}

    public record WalkInPage(String firstName, String lastName, String month, String day, String year, String visitType,
                             List<Option> visitTypes, FormErrors errors) {
        static WalkInPage empty(KioskConfig config) {
            return new WalkInPage("", "", "", "", "", "", options(config), FormErrors.NONE);
        }
    }

    private static List<Option> options(KioskConfig config) {
        return config.visitTypes().values().stream().map(t -> new Option(t.id(), t.label()))
                .sorted(java.util.Comparator.comparing(Option::label)).toList();
    }

    private void renderWalkIn(Context ctx, HttpStatus status, WalkInPage page) {
        if (!config.kiosk().walkIns()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        ctx.status(status);
        Pages.render(ctx, "desk/walk_in", page);
    }

    private void walkIn(Context ctx) {
        if (!config.kiosk().walkIns()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        Form form = new Form(ctx, messages);
        String first = form.required("firstName", "identify.first_name", 100, "identify.error.first_name");
        String last = form.required("lastName", "identify.last_name", 100, "identify.error.last_name");
        String month = form.text("dob-month", "date.month", 2);
        String day = form.text("dob-day", "date.day", 2);
        String year = form.text("dob-year", "date.year", 4);
        LocalDate dob = DateField.birth(form, "dob", schedule.today());
        String visitType = form.choice("visitType", config.visitTypes().keySet(), "walk_in.error.visit_type");
        if (!form.valid()) {
            renderWalkIn(ctx, HttpStatus.UNPROCESSABLE_CONTENT, new WalkInPage(first, last, month, day, year, visitType,
                    options(config), form.errors()));
            return;
        }
        schedule.createWalkIn(first, last, dob, visitType, Pages.actor(ctx), Pages.remote(ctx));
        ctx.redirect("/desk?notice=walk_in", HttpStatus.SEE_OTHER);
    }

    private void link(Context ctx) {
        long walkIn;
        long patient;
        try {
            walkIn = Long.parseLong(ctx.pathParam("id"));
            patient = Long.parseLong(String.valueOf(ctx.formParam("patient")));
        } catch (NumberFormatException e) {
            ctx.redirect("/desk?notice=changed", HttpStatus.SEE_OTHER);
            return;
        }
        boolean linked = schedule.linkWalkIn(walkIn, patient, Pages.actor(ctx), Pages.remote(ctx));
        ctx.redirect("/desk?notice=" + (linked ? "linked" : "changed"), HttpStatus.SEE_OTHER);
    }

    @Override
    public void close() {
        live.close();
    }
}
