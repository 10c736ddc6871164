package clinic.kiosk.checkin;

import clinic.kiosk.queue.Visit;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.queue.VisitState;
import clinic.kiosk.schedule.Booking;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.staff.Role;
import clinic.kiosk.web.Form;
import clinic.kiosk.web.Messages;
import clinic.kiosk.web.Pages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Optional;

/**
 * The desk checks a booked patient in on their behalf (the tablet is down, or the patient cannot use it): the
 * same steps as at the kiosk, on the desk's screen, recorded under the staff member's name. Taking over a
 * check-in under way at a tablet ends the tablet's session.
 */
public final class DeskCheckInController {
    private final CheckInFlow flow;
    private final VisitService visits;
    private final ScheduleService schedule;
    private final KioskSessions sessions;
    private final Messages messages;

    DeskCheckInController(CheckInFlow flow, VisitService visits, ScheduleService schedule, KioskSessions sessions,
                          Messages messages) {
        this.flow = flow;
        this.visits = visits;
        this.schedule = schedule;
        this.sessions = sessions;
        this.messages = messages;
    }

    public void routes(JavalinConfig c) {
        c.routes.post("/desk/check-in/{id}", this::start, Role.ANY);
        c.routes.get("/desk/check-in/{id}/step/{name}", this::show, Role.ANY);
        c.routes.post("/desk/check-in/{id}/step/{name}", this::submit, Role.ANY);
    }

    private Optional<Booking> booking(Context ctx) {
        try {
            return schedule.booking(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void start(Context ctx) {
        Optional<Booking> booking = booking(ctx);
        if (booking.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        Booking b = booking.get();
        Optional<Visit> visit = visits.byAppointment(b.appointmentId());
        VisitState state = visit.map(Visit::state).orElse(VisitState.EXPECTED);
        if (state == VisitState.EXPECTED || state == VisitState.NO_SHOW) {
            String first = flow.first(b).orElse(null);
            visit = visits.move(b.appointmentId(), state, VisitState.ARRIVED, Pages.actor(ctx), "checked in by the desk", first).visit();
        }
        if (visit.isEmpty() || visit.get().state().finished()) {
            ctx.redirect("/desk?notice=changed", HttpStatus.SEE_OTHER);
            return;
        }
        sessions.endVisit(visit.get().id());
        Visit arrived = visit.get();
        next(ctx, flow.inOne(() -> flow.after(arrived, b, Pages.actor(ctx))), b);
    }

    private void next(Context ctx, CheckInFlow.After after, Booking booking) {
        if (after.next().isPresent()) {
            ctx.redirect(stepPath(booking, after.next().get()), HttpStatus.SEE_OTHER);
        } else {
            String ticket = after.visit().ticket() == null ? "" : after.visit().ticket();
            ctx.redirect("/desk?notice=checked_in&ticket=" + ticket, HttpStatus.SEE_OTHER);
        }
    }

    private static String stepPath(Booking booking, String step) {
        return "/desk/check-in/" + booking.appointmentId() + "/step/" + step;
    }

    private record Current(Visit visit, Booking booking, CheckInStep step, StepContext context) {}

    /** The visit's current step, when the URL names it; otherwise the browser is sent where the visit really is. */
    private Optional<Current> current(Context ctx) {
        Optional<Booking> booking = booking(ctx);
        Optional<Visit> visit = booking.flatMap(b -> visits.byAppointment(b.appointmentId()));
        if (visit.isEmpty() || visit.get().state().finished() || visit.get().state() == VisitState.EXPECTED) {
            ctx.redirect("/desk?notice=changed", HttpStatus.SEE_OTHER);
            return Optional.empty();
        }
        Optional<String> current = flow.current(visit.get(), booking.get(), Pages.actor(ctx));
        String name = ctx.pathParam("name");
        if (current.isEmpty() || !current.get().equals(name)) {
            next(ctx, flow.inOne(() -> flow.after(visit.get(), booking.get(), Pages.actor(ctx))), booking.get());
            return Optional.empty();
        }
        CheckInStep step = flow.step(name).orElseThrow();
        // The desk works on the patient's behalf: it sees what is being answered now, not earlier answers.
        StepContext context = new StepContext(visit.get(), booking.get(), flow.visitType(booking.get()), Pages.actor(ctx),
                flow.frame(booking.get(), name, stepPath(booking.get(), name), true), ctx.queryParam("screen"),
                java.time.Instant.EPOCH, "en");
        return Optional.of(new Current(visit.get(), booking.get(), step, context));
    }

    public record DeskStepPage(Object kiosk, Record step) {}

    private void show(Context ctx) {
        current(ctx).ifPresent(c -> Pages.render(ctx, c.step().template(), new DeskStepPage(null, c.step().page(c.context()))));
    }

    private void submit(Context ctx) {
        Optional<Current> current = current(ctx);
        if (current.isEmpty()) {
            return;
        }
        Current c = current.get();
        CheckInFlow.Outcome outcome = flow.submit(c.step(), c.context(), new Form(ctx, messages));
        if (!outcome.submission().accepted()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            Pages.render(ctx, c.step().template(), new DeskStepPage(null, outcome.submission().again()));
            return;
        }
        next(ctx, outcome.after(), c.booking());
    }
}
