package clinic.kiosk.checkin;

import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.device.Device;
import clinic.kiosk.device.DeviceAccess;
import clinic.kiosk.device.DeviceRole;
import clinic.kiosk.queue.Visit;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.queue.VisitState;
import clinic.kiosk.schedule.Booking;
import clinic.kiosk.schedule.Names;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.screening.ScreeningService;
import clinic.kiosk.web.Cookies;
import clinic.kiosk.web.DateField;
import clinic.kiosk.web.Form;
import clinic.kiosk.web.FormErrors;
import clinic.kiosk.web.Messages;
import clinic.kiosk.web.Pages;
import clinic.kiosk.web.Tokens;
import clinic.kiosk.web.WebBaseline;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The patient's check-in at the tablet: start, identify, the visit type's steps, done. Every page is tied to a
 * server-side kiosk session; a reset ends it and issues a fresh cookie (the device cookie stays), so Back,
 * history and the back-forward cache lead only to the start screen.
 */
public final class KioskController {
    static final String COOKIE = "kiosk_session";
    static final int MAX_FAILURES = 5;
    /** A tablet with this many failed identifications within the window sends everyone to the desk until it passes. */
    static final int DEVICE_FAILURES = 10;
    static final Duration DEVICE_WINDOW = Duration.ofMinutes(15);
    /** After "Still there?" the tablet waits this long before it resets (or the idle time, when shorter). */
    static final Duration PROMPT = Duration.ofSeconds(30);

    private final KioskSessions sessions;
    private final CheckInFlow flow;
    private final VisitService visits;
    private final ScheduleService schedule;
    private final DeviceAccess devices;
    private final Messages messages;
    private final KioskConfig config;
    private final ScreeningService screening;
    private final Waits waits;

    KioskController(KioskSessions sessions, CheckInFlow flow, VisitService visits, ScheduleService schedule,
                    DeviceAccess devices, Messages messages, KioskConfig config, ScreeningService screening, Waits waits) {
        this.screening = screening;
        this.waits = waits;
        this.sessions = sessions;
        this.flow = flow;
        this.visits = visits;
        this.schedule = schedule;
        this.devices = devices;
        this.messages = messages;
        this.config = config;
    }

    public void routes(JavalinConfig c) {
        c.routes.get("/kiosk", this::startPage);
        c.routes.post("/kiosk/start", this::start);
        c.routes.get("/kiosk/identify", ctx -> withSession(ctx, s -> {
            if (s.visitId() != null) {
                continueVisit(ctx);
            } else {
                renderIdentify(ctx, HttpStatus.OK, IdentifyPage.empty());
            }
        }));
        c.routes.post("/kiosk/identify", ctx -> withSession(ctx, s -> identify(ctx, s)));
        c.routes.get("/kiosk/step/{name}", ctx -> withVisit(ctx, (s, v, b) -> showStep(ctx, s, v, b)));
        c.routes.post("/kiosk/step/{name}", ctx -> withVisit(ctx, (s, v, b) -> submitStep(ctx, s, v, b)));
        c.routes.get("/kiosk/done", this::done);
        // Every kiosk route is the enrolled tablet's only, these small ones too (they touch only the caller's session).
        c.routes.post("/kiosk/reset", ctx -> {
            if (devices.admit(ctx, DeviceRole.KIOSK)) {
                reset(ctx);
                ctx.redirect("/kiosk", HttpStatus.SEE_OTHER);
            }
        });
        c.routes.post("/kiosk/touch", ctx -> {
            if (devices.admit(ctx, DeviceRole.KIOSK)) {
                ctx.status(live(ctx).isPresent() ? 204 : 410);
            }
        });
        c.routes.get("/kiosk/status", ctx -> {
            if (devices.admit(ctx, DeviceRole.KIOSK)) {
                ctx.status(sessions.peek(ctx.cookie(COOKIE)) ? 204 : 410);
            }
        });
        c.routes.post("/kiosk/language", ctx -> {
            if (devices.admit(ctx, DeviceRole.KIOSK)) {
                language(ctx);
            }
        });
    }

    // The start screen

    public record StartPage(Kiosk kiosk, String notice) {}

    /** What every kiosk page needs for its layout: idle timing for the script, the language switch. */
    public record Kiosk(long idleSeconds, long promptSeconds, boolean inSession, String here, String otherLanguage,
                        boolean support) {}

    private Kiosk kiosk(Context ctx, boolean inSession, boolean reading) {
        return kiosk(ctx, inSession, reading, false);
    }

    /** {@code support}: the patient's answers raised a suicide-risk flag; every page says a staff member is coming. */
    private Kiosk kiosk(Context ctx, boolean inSession, boolean reading, boolean support) {
        Duration idle = reading ? config.kiosk().readingIdleTimeout() : config.kiosk().idleTimeout();
        String other = Pages.locale(ctx).getLanguage().equals("es") ? "en" : "es";
        return new Kiosk(idle.toSeconds(), prompt(idle).toSeconds(), inSession, ctx.path(), other, support);
    }

    private static Duration prompt(Duration idle) {
        return idle.compareTo(PROMPT) < 0 ? idle : PROMPT;
    }

    /** A session is over once it was idle for its timeout plus the prompt, plus a little for a slow network. */
    private Duration limit() {
        Duration idle = config.kiosk().idleTimeout().compareTo(config.kiosk().readingIdleTimeout()) > 0
                ? config.kiosk().idleTimeout() : config.kiosk().readingIdleTimeout();
        return idle.plus(prompt(idle)).plusSeconds(15);
    }

    private void startPage(Context ctx) {
        if (!devices.admit(ctx, DeviceRole.KIOSK)) {
            return;
        }
        String notice = "desk".equals(ctx.queryParam("notice")) ? "kiosk.notice.desk" : null;
        Pages.render(ctx, "checkin/start", new StartPage(kiosk(ctx, false, false), notice));
    }

    private void start(Context ctx) {
        if (!devices.admit(ctx, DeviceRole.KIOSK)) {
            return;
        }
        sessions.end(ctx.cookie(COOKIE));
        String token = sessions.start(DeviceAccess.device(ctx).map(Device::id).orElse(null));
        Cookies.set(ctx, COOKIE, token, Cookies.SESSION);
        ctx.redirect("/kiosk/identify", HttpStatus.SEE_OTHER);
    }

    /** Ends the patient's session: a new session and CSRF cookie, the language back to the tablet's. */
    private void reset(Context ctx) {
        sessions.end(ctx.cookie(COOKIE));
        Cookies.clear(ctx, COOKIE);
        Cookies.clear(ctx, WebBaseline.LANGUAGE_COOKIE);
        Cookies.set(ctx, WebBaseline.CSRF_COOKIE, Tokens.random(24), Cookies.SESSION);
    }

    private Optional<KioskSession> live(Context ctx) {
        return sessions.live(ctx.cookie(COOKIE), limit());
    }

    private interface SessionHandler {
        void handle(KioskSession session) throws Exception;
    }

    private void withSession(Context ctx, SessionHandler handler) throws Exception {
        if (!devices.admit(ctx, DeviceRole.KIOSK)) {
            return;
        }
        Optional<KioskSession> session = live(ctx);
        if (session.isEmpty()) {
            Cookies.clear(ctx, COOKIE);
            ctx.redirect("/kiosk", HttpStatus.SEE_OTHER);
            return;
        }
        handler.handle(session.get());
    }

    private interface VisitHandler {
        void handle(KioskSession session, Visit visit, Booking booking) throws Exception;
    }

    /** A live session with an identified patient whose visit is still under way today. */
    private void withVisit(Context ctx, VisitHandler handler) throws Exception {
        withSession(ctx, s -> {
            Optional<Visit> visit = s.visitId() == null ? Optional.empty() : visits.byId(s.visitId());
            if (visit.isEmpty()) {
                ctx.redirect("/kiosk/identify", HttpStatus.SEE_OTHER);
                return;
            }
            VisitState state = visit.get().state();
            if (state != VisitState.ARRIVED && state != VisitState.READY && state != VisitState.NEEDS_REVIEW) {
                reset(ctx);
                ctx.redirect("/kiosk?notice=desk", HttpStatus.SEE_OTHER);
                return;
            }
            handler.handle(s, visit.get(), schedule.booking(visit.get().appointmentId()).orElseThrow());
        });
    }

    // Identify

    public record IdentifyPage(Kiosk kiosk, String firstName, String lastName, String month, String day, String year,
                               FormErrors errors, boolean noMatch) {
        static IdentifyPage empty() {
            return new IdentifyPage(null, "", "", "", "", "", FormErrors.NONE, false);
        }
    }

    private void renderIdentify(Context ctx, HttpStatus status, IdentifyPage page) {
        ctx.status(status);
        Pages.render(ctx, "checkin/identify", new IdentifyPage(kiosk(ctx, true, false), page.firstName(), page.lastName(),
                page.month(), page.day(), page.year(), page.errors(), page.noMatch()));
    }

    private void identify(Context ctx, KioskSession session) throws Exception {
        if (session.visitId() != null) {
            continueVisit(ctx);
            return;
        }
        Form form = new Form(ctx, messages);
        String first = form.required("firstName", "identify.first_name", 100, "identify.error.first_name");
        String last = form.required("lastName", "identify.last_name", 100, "identify.error.last_name");
        LocalDate dob = DateField.birth(form, "dob", schedule.today());
        IdentifyPage typed = new IdentifyPage(null, first, last, form.text("dob-month", "date.month", 2),
                form.text("dob-day", "date.day", 2), form.text("dob-year", "date.year", 4), form.errors(), false);
        if (!form.valid()) {
            renderIdentify(ctx, HttpStatus.UNPROCESSABLE_CONTENT, typed);
            return;
        }
        if (sessions.deviceLocked(session.deviceId(), DEVICE_FAILURES, DEVICE_WINDOW)) {
            // Many failures on this tablet lately: someone may be trying names. The desk helps from here.
            reset(ctx);
            ctx.redirect("/kiosk?notice=desk", HttpStatus.SEE_OTHER);
            return;
        }
        Optional<Booking> match = match(first, last, dob);
        if (match.isEmpty()) {
            int failures = sessions.fail(ctx.cookie(COOKIE), session.deviceId());
            if (failures >= MAX_FAILURES) {
                reset(ctx);
                ctx.redirect("/kiosk?notice=desk", HttpStatus.SEE_OTHER);
                return;
            }
            // One neutral message, the same whoever is or is not booked.
            renderIdentify(ctx, HttpStatus.OK, new IdentifyPage(null, first, last, typed.month(), typed.day(),
                    typed.year(), FormErrors.NONE, true));
            return;
        }
        Booking booking = match.get();
        Optional<Visit> visit = visits.byAppointment(booking.appointmentId());
        VisitState state = visit.map(Visit::state).orElse(VisitState.EXPECTED);
        if (state == VisitState.EXPECTED || state == VisitState.NO_SHOW) {
            String firstStep = flow.first(booking).orElse(null);
            visit = visits.move(booking.appointmentId(), state, VisitState.ARRIVED, Pages.actor(ctx), null, firstStep).visit();
        }
        if (visit.isEmpty()) {
            ctx.redirect("/kiosk?notice=desk", HttpStatus.SEE_OTHER);
            return;
        }
        if (flow.current(visit.get(), booking, Pages.actor(ctx)).isEmpty() && visit.get().state() != VisitState.ARRIVED) {
            alreadyCheckedIn(ctx, visit.get());
            return;
        }
        // Resumes where the visit stands: the first question not yet answered, never showing earlier answers.
        sessions.attach(ctx.cookie(COOKIE), visit.get().id());
        Visit arrived = visit.get();
        CheckInFlow.After after = flow.inOne(() -> flow.after(arrived, booking, Pages.actor(ctx)));
        ctx.redirect(after.next().map(n -> "/kiosk/step/" + n).orElse("/kiosk/done"), HttpStatus.SEE_OTHER);
    }

    /**
     * Today's booking whose patient has these names and this date of birth, preferring a check-in already under
     * way, then one not yet started. A visit that is over for today (left, cancelled) is not offered again.
     */
    private Optional<Booking> match(String first, String last, LocalDate dob) {
        List<Booking> candidates = schedule.bookingsToday(dob).stream()
                .filter(b -> Names.same(first, b.firstName()) && Names.same(last, b.lastName()))
                .toList();
        return candidates.stream()
                .filter(b -> visits.byAppointment(b.appointmentId()).map(v -> !v.state().finished() || v.state() == VisitState.NO_SHOW).orElse(true))
                .min(Comparator.comparing((Booking b) -> rank(visits.byAppointment(b.appointmentId()))).thenComparing(Booking::startsAt));
    }

    private static int rank(Optional<Visit> visit) {
        return visit.map(v -> switch (v.state()) {
            case ARRIVED -> 0;
            case READY, NEEDS_REVIEW -> 1;
            default -> 2;
        }).orElse(2);
    }

    public record AlreadyPage(Kiosk kiosk, String ticket) {}

    private void alreadyCheckedIn(Context ctx, Visit visit) {
        reset(ctx);
        Pages.render(ctx, "checkin/already", new AlreadyPage(kiosk(ctx, false, false), visit.ticket()));
    }

    /** An identified patient back at the identify page: on to wherever their check-in stands. */
    private void continueVisit(Context ctx) throws Exception {
        withVisit(ctx, (s, v, b) -> ctx.redirect(flow.current(v, b, Pages.actor(ctx)).map(n -> "/kiosk/step/" + n)
                .orElse("/kiosk/done"), HttpStatus.SEE_OTHER));
    }

    // Steps

    public record StepPage(Kiosk kiosk, Record step) {}

    private StepContext context(Context ctx, KioskSession session, Visit visit, Booking booking, String name) {
        return new StepContext(visit, booking, flow.visitType(booking), Pages.actor(ctx),
                flow.frame(booking, name, "/kiosk/step/" + name, false), ctx.queryParam("screen"),
                session.createdAt(), Pages.locale(ctx).getLanguage());
    }

    /** The step the URL names, if it is the visit's current one; otherwise the browser is sent where it belongs. */
    private Optional<CheckInStep> currentStep(Context ctx, Visit visit, Booking booking) {
        Optional<String> current = flow.current(visit, booking, Pages.actor(ctx));
        String name = ctx.pathParam("name");
        if (current.isEmpty() || !current.get().equals(name)) {
            // No skipping or going back across steps by URL.
            ctx.redirect(current.map(n -> "/kiosk/step/" + n).orElse("/kiosk/done"), HttpStatus.SEE_OTHER);
            return Optional.empty();
        }
        return flow.step(name);
    }

    private void showStep(Context ctx, KioskSession session, Visit visit, Booking booking) {
        Optional<CheckInStep> step = currentStep(ctx, visit, booking);
        if (step.isPresent()) {
            StepContext context = context(ctx, session, visit, booking, step.get().name());
            Pages.render(ctx, step.get().template(), new StepPage(kiosk(ctx, true, step.get().reading(), support(visit)),
                    step.get().page(context)));
        }
    }

    private boolean support(Visit visit) {
        return screening.flags(visit.id()).stream().anyMatch(f -> f.support() && f.live());
    }

    private void submitStep(Context ctx, KioskSession session, Visit visit, Booking booking) {
        Optional<CheckInStep> step = currentStep(ctx, visit, booking);
        if (step.isEmpty()) {
            return;
        }
        StepContext context = context(ctx, session, visit, booking, step.get().name());
        CheckInFlow.Outcome outcome = flow.submit(step.get(), context, new Form(ctx, messages));
        if (!outcome.submission().accepted()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            Pages.render(ctx, step.get().template(), new StepPage(kiosk(ctx, true, step.get().reading(), support(visit)),
                    outcome.submission().again()));
            return;
        }
        ctx.redirect(outcome.after().next().map(n -> "/kiosk/step/" + n).orElse("/kiosk/done"), HttpStatus.SEE_OTHER);
    }

    // Done

    /** The estimated wait of a READY visit, when there is one. */
    public interface Waits {
        java.util.Optional<java.time.Duration> of(long visitId);
    }

    /** {@code waitMinutes}: rounded up to 5, an estimate never a promise; null when none is given. */
    public record DonePage(Kiosk kiosk, String ticket, Long waitMinutes) {}

    private void done(Context ctx) throws Exception {
        withVisit(ctx, (s, visit, booking) -> {
            CheckInFlow.After after = flow.inOne(() -> flow.after(visit, booking, Pages.actor(ctx)));
            if (after.next().isPresent()) {
                ctx.redirect("/kiosk/step/" + after.next().get(), HttpStatus.SEE_OTHER);
                return;
            }
            // The session ends with this page: Back and reload lead to the start screen only.
            reset(ctx);
            Long wait = after.support() ? null : waits.of(visit.id())
                    .map(d -> Math.max(5, ((d.toMinutes() + 4) / 5) * 5)).orElse(null);
            Pages.render(ctx, "checkin/done", new DonePage(kiosk(ctx, false, false, after.support()), visit.ticket(), wait));
        });
    }

    private void language(Context ctx) {
        String lang = "es".equals(ctx.formParam("lang")) ? "es" : "en";
        Cookies.set(ctx, WebBaseline.LANGUAGE_COOKIE, lang, Cookies.SESSION);
        String back = ctx.formParam("back");
        ctx.redirect(back != null && back.matches("/kiosk(/[a-z\\-]+)*") ? back : "/kiosk", HttpStatus.SEE_OTHER);
    }
}
