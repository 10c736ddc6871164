package clinic.kiosk.desk;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.queue.ChairService;
import clinic.kiosk.queue.PlaceState;
import clinic.kiosk.queue.Tickets;
import clinic.kiosk.queue.VisitState;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.screening.FlagRow;
import clinic.kiosk.screening.ScreeningService;
import clinic.kiosk.screening.TreatmentResponse;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds the desk board for today: a column per state from Expected to Done, the chair map, each visit's live block
 * and alert flags (the desk's short message only), timers, waits, the next patient to seat, visits of earlier days
 * still open, and after closing time the count of visits still open. Each build is an audited view.
 */
public final class Board {
    private static final DateTimeFormatter NEXT = DateTimeFormatter.ofPattern("MMM d, h:mm a", Locale.US);
    private static final DateTimeFormatter RETURNS = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE MMM d", Locale.US);

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ClinicTime time;
    private final KioskConfig config;
    private final ScheduleService schedule;
    private final FailureCount failures;
    private final ScreeningService screening;
    private final ChairService chairs;
    private final java.util.function.Supplier<List<clinic.kiosk.export.ExportService.Failure>> exportFailures;

    /** How many identifications failed at the tablets today (counted by the check-in feature). */
    public interface FailureCount {
        int today();
    }

    public Board(Jdbi jdbi, AuditLog audit, ClinicTime time, KioskConfig config, ScheduleService schedule,
                 ScreeningService screening, ChairService chairs, FailureCount failures,
                 java.util.function.Supplier<List<clinic.kiosk.export.ExportService.Failure>> exportFailures) {
        this.exportFailures = exportFailures;
        this.screening = screening;
        this.jdbi = jdbi;
        this.audit = audit;
        this.time = time;
        this.config = config;
        this.schedule = schedule;
        this.chairs = chairs;
        this.failures = failures;
    }

    public record Link(long patientId, String externalId) {}

    /** A live flag as the board shows it: the tier, the desk's short message, and whether it is overdue. */
    /** {@code changed}: the patient changed the answer behind it; it stays open for a clinician. */
    public record CardFlag(String tier, String message, boolean escalated, boolean acknowledged, boolean changed) {}

    /** A running timer: "Infusion 12 of 40 min"; {@code due} once the planned time is up. */
    public record Timer(String key, long minutes, Long of, boolean due) {}

    /** A place a READY visit can go to now. */
    public record Choice(String id, String name) {}

    public record Card(long appointmentId, long patientId, Long visitId, List<CardFlag> flags, String time, String name,
                       boolean demo, boolean walkIn, List<Link> links, String visitType, String course, VisitState state,
                       String ticket, String step, Long lateMinutes, String next, String escortName, String escortPlan,
                       String escortBack, boolean escortLate, String reason, String place, Timer timer,
                       boolean vitalsDue, boolean vitalsLate, String response, Long waitMinutes,
                       boolean alertsPending, boolean suggested,
                       List<Choice> choices, boolean undo, String day, boolean noNextBooking, boolean room) {}

    /** A chair or room on the map: its state, who is in it (ticket and name), and their timer. */
    public record MapPlace(String id, String name, boolean chair, String state, String ticket, String patient,
                           Long visitId, Timer timer, long minutesInState) {}

    public record Columns(List<Card> expected, List<Card> arrived, List<Card> needsReview, List<Card> ready,
                          List<Card> seated, List<Card> infusing, List<Card> recovering, List<Card> waitingForEscort,
                          List<Card> inRoom, List<Card> held, List<Card> done, List<MapPlace> places,
                          List<Card> earlierOpen, int openAfterClosing, int failures, String updated,
                          boolean escalated, List<ExportProblem> exportProblems) {}

    /** An export that failed and has not succeeded since: every board shows it until it does. */
    public record ExportProblem(String date, String reason) {}

    Columns today(Actor viewer, String remote) {
        return today(viewer, remote, false);
    }

    /** {@code clinical}: the viewer is a nurse or a clinician, who also sees the course's PHQ-9 response on the cards. */
    Columns today(Actor viewer, String remote, boolean clinical) {
        LocalDate today = time.today();
        Instant now = time.now();
        List<BoardRow> rows = new ArrayList<>();
        List<BoardRow> earlier = new ArrayList<>();
        jdbi.useTransaction(h -> {
            BoardDao dao = h.attach(BoardDao.class);
            rows.addAll(dao.day(time.startOf(today), time.endOf(today), today));
            earlier.addAll(dao.earlierOpen(today, time.endOf(today)));
            audit.record(h, new AuditLog.Event(viewer, "board.view", null, "board of " + today + " ("
                    + (rows.size() + earlier.size()) + " shown)", remote));
        });
        List<Long> visitIds = java.util.stream.Stream.concat(rows.stream(), earlier.stream())
                .map(BoardRow::visitId).filter(Objects::nonNull).toList();
        Map<Long, List<CardFlag>> flags = new HashMap<>();
        boolean anyEscalated = false;
        for (FlagRow f : screening.liveFlags(visitIds)) {
            if (f.tier().equals("info")) {
                continue;
            }
            boolean escalated = screening.escalated(f);
            anyEscalated |= escalated;
            // A vital-sign alarm tells nurses and clinicians what was measured; the desk sees only that one is open.
            boolean alarm = KioskConfig.CallThresholds.FLAG_CODES.contains(f.code());
            flags.computeIfAbsent(f.visitId(), k -> new ArrayList<>()).add(new CardFlag(f.tier(),
                    alarm && clinical ? f.clinicianMessage() : f.deskMessage(), escalated,
                    f.status().equals("acknowledged"), f.changed()));
        }
        List<PlaceState> places = chairs.places();
        Map<Long, Duration> waits = chairs.waits();
        Map<VisitState, List<Card>> columns = new java.util.EnumMap<>(VisitState.class);
        for (VisitState s : VisitState.values()) {
            columns.put(s, new ArrayList<>());
        }
        Map<Long, BoardRow> byVisit = new HashMap<>();
        Map<Long, String> courses = new HashMap<>();
        if (clinical) {
            java.util.stream.Stream.concat(rows.stream(), earlier.stream()).filter(r -> r.visitId() != null)
                    .forEach(r -> courses.put(r.patientId(), r.courseId()));
        }
        Map<Long, TreatmentResponse> responses = screening.treatmentResponses(courses);
        for (BoardRow r : rows) {
            VisitState state = stateOf(r);
            if (r.visitId() != null) {
                byVisit.put(r.visitId(), r);
            }
            columns.get(state).add(card(r, state, flags, places, waits, now, false, responses));
        }
        suggestNext(columns.get(VisitState.READY));
        List<Card> earlierCards = new ArrayList<>();
        for (BoardRow r : earlier) {
            byVisit.put(r.visitId(), r);
            earlierCards.add(card(r, stateOf(r), flags, places, waits, now, true, responses));
        }
        List<MapPlace> map = places.stream().map(p -> mapPlace(p, byVisit.get(p.visitId()), now)).toList();
        List<Card> done = new ArrayList<>();
        for (VisitState s : List.of(VisitState.DISCHARGED, VisitState.CANCELLED, VisitState.NO_SHOW, VisitState.LEFT)) {
            done.addAll(columns.get(s));
        }
        int openAfterClosing = afterClosing(today, now) ? (int) rows.stream().map(this::stateOf)
                .filter(s -> !s.finished()).count() : 0;
        return new Columns(columns.get(VisitState.EXPECTED), columns.get(VisitState.ARRIVED),
                columns.get(VisitState.NEEDS_REVIEW), columns.get(VisitState.READY), columns.get(VisitState.SEATED),
                columns.get(VisitState.INFUSING), columns.get(VisitState.RECOVERING),
                columns.get(VisitState.WAITING_FOR_ESCORT), columns.get(VisitState.IN_ROOM),
                columns.get(VisitState.HELD), done, map, earlierCards, openAfterClosing, failures.today(),
                time.time(now), anyEscalated, exportFailures.get().stream()
                        .map(f -> new ExportProblem(f.date().toString(), f.reason())).toList());
    }

    /** Past today's closing time (from the opening hours); never on a day the clinic is closed. */
    boolean afterClosing(LocalDate today, Instant now) {
        return config.clinic().hoursOn(today.getDayOfWeek())
                .map(h -> !now.isBefore(today.atTime(h.closes()).atZone(time.zone()).toInstant()))
                .orElse(false);
    }

    private VisitState stateOf(BoardRow r) {
        return r.state() == null
                ? (r.appointmentStatus().equals("cancelled") ? VisitState.CANCELLED : VisitState.EXPECTED)
                : r.state();
    }

    private Card card(BoardRow r, VisitState state, Map<Long, List<CardFlag>> flags, List<PlaceState> places,
                      Map<Long, Duration> waits, Instant now, boolean earlierDay, Map<Long, TreatmentResponse> responses) {
        OptionalLong late = state == VisitState.EXPECTED
                ? Lateness.minutesLate(r.startsAt(), now, config.schedule().lateGrace()) : OptionalLong.empty();
        List<CardFlag> cardFlags = r.visitId() == null ? List.of() : flags.getOrDefault(r.visitId(), List.of());
        boolean alertsPending = cardFlags.stream().anyMatch(f -> f.tier().equals("alert") && !f.acknowledged());
        KioskConfig.PlaceKind kind = config.visitType(r.visitType()).map(KioskConfig.VisitType::place)
                .orElse(KioskConfig.PlaceKind.CHAIR);
        List<Choice> choices = state == VisitState.READY && !alertsPending && !earlierDay
                ? places.stream().filter(p -> p.free() && p.chair() == (kind == KioskConfig.PlaceKind.CHAIR))
                    .map(p -> new Choice(p.id(), chairs.placeName(p.id()))).toList()
                : List.of();
        Duration wait = r.visitId() == null ? null : waits.get(r.visitId());
        boolean monitored = ChairService.monitored(state) && r.stateSince() != null;
        boolean vitalsDue = monitored && !chairs.vitalsDue(state, r.lastVitalsAt(), r.stateSince()).isAfter(now);
        boolean vitalsLate = monitored && chairs.vitalsLate(state, r.lastVitalsAt(), r.stateSince());
        TreatmentResponse course = r.visitId() == null ? null : responses.get(r.patientId());
        String response = course == null ? null : course.line();
        boolean undo = r.lastTo() != null && r.lastTo().equals(r.state())
                && chairs.undoable(r.lastTo(), Boolean.TRUE.equals(r.lastWasUndo()), r.lastActorKind(), r.lastAt());
        return new Card(r.appointmentId(), r.patientId(), r.visitId(), cardFlags, time.time(r.startsAt()),
                r.lastName() + ", " + r.firstName(), r.demo(), r.walkIn(),
                r.walkIn() ? links(r.patientId()) : List.of(), label(r.visitType()), course(r), state,
                r.ticketNumber() == null ? null : Tickets.code(r.ticketNumber()),
                r.currentStep() == null ? null : r.currentStep().startsWith("form:") ? "step.forms" : "step." + r.currentStep(),
                late.isPresent() ? late.getAsLong() : null,
                r.nextAt() == null ? null : NEXT.withZone(time.zone()).format(r.nextAt()), r.escortName(),
                r.escortPlan(), r.escortReturnsAt() == null ? null : RETURNS.format(LocalTime.parse(r.escortReturnsAt())),
                escortLate(r, state, now), r.lastReason(), r.placeId() == null ? null : chairs.placeName(r.placeId()),
                timer(state, r.stateSince(), r.visitType(), now), vitalsDue, vitalsLate, response,
                wait == null ? null : roundUp(wait), alertsPending, false, choices, undo,
                earlierDay ? DAY.format(r.visitDate()) : null,
                state == VisitState.DISCHARGED && r.nextAt() == null, kind == KioskConfig.PlaceKind.ROOM);
    }

    /** The first READY patient by appointment time, then arrival, whose alerts are dealt with and a place is free. */
    private static void suggestNext(List<Card> ready) { // the query's order: appointment time, then arrival
        Optional<Card> first = ready.stream().filter(c -> !c.alertsPending() && !c.choices().isEmpty()).findFirst();
        first.ifPresent(c -> ready.set(ready.indexOf(c), new Card(c.appointmentId(), c.patientId(), c.visitId(),
                c.flags(), c.time(), c.name(), c.demo(), c.walkIn(), c.links(), c.visitType(), c.course(), c.state(),
                c.ticket(), c.step(), c.lateMinutes(), c.next(), c.escortName(), c.escortPlan(), c.escortBack(),
                c.escortLate(), c.reason(), c.place(), c.timer(), c.vitalsDue(), c.vitalsLate(), c.response(), c.waitMinutes(), c.alertsPending(),
                true, c.choices(), c.undo(), c.day(), c.noNextBooking(), c.room())));
    }

    /** A returning escort whose time has passed while the patient is still in the clinic's care. */
    private boolean escortLate(BoardRow r, VisitState state, Instant now) {
        if (!"returns".equals(r.escortPlan()) || r.escortReturnsAt() == null || state.finished()
                || r.visitDate() == null || !r.visitDate().equals(time.today())) {
            return false;
        }
        Instant back = r.visitDate().atTime(LocalTime.parse(r.escortReturnsAt())).atZone(time.zone()).toInstant();
        return now.isAfter(back) && (state.inCare());
    }

    Timer timer(VisitState state, Instant since, String visitType, Instant now) {
        if (since == null) {
            return null;
        }
        long minutes = Duration.between(since, now).toMinutes();
        KioskConfig.ChairCare care = chairs.care();
        return switch (state) {
            case SEATED -> new Timer("timer.seated", minutes, null, false);
            case INFUSING -> planned("timer.infusing", minutes, care.infusion());
            case RECOVERING -> planned("timer.recovering", minutes, care.recovery());
            case WAITING_FOR_ESCORT -> new Timer("timer.waiting", minutes, null, false);
            case IN_ROOM -> planned("timer.in_room", minutes, config.visitType(visitType)
                    .map(KioskConfig.VisitType::duration).orElse(Duration.ofMinutes(60)));
            case READY, NEEDS_REVIEW -> new Timer("timer.waiting", minutes, null, false);
            default -> null;
        };
    }

    private static Timer planned(String key, long minutes, Duration planned) {
        return new Timer(key, minutes, planned.toMinutes(), minutes >= planned.toMinutes());
    }

    private MapPlace mapPlace(PlaceState p, BoardRow occupant, Instant now) {
        long inState = Duration.between(p.since(), now).toMinutes();
        if (occupant == null) {
            return new MapPlace(p.id(), chairs.placeName(p.id()), p.chair(), p.state(), null, null, null, null, inState);
        }
        VisitState state = stateOf(occupant);
        return new MapPlace(p.id(), chairs.placeName(p.id()), p.chair(), p.state(),
                occupant.ticketNumber() == null ? null : Tickets.code(occupant.ticketNumber()),
                occupant.firstName() + " " + occupant.lastName().charAt(0) + ".", occupant.visitId(),
                timer(state, occupant.stateSince(), occupant.visitType(), now), inState);
    }

    /** Minutes rounded up to the next 5: an estimate, never a promise. */
    static long roundUp(Duration wait) {
        long minutes = (wait.toSeconds() + 59) / 60;
        return ((minutes + 4) / 5) * 5;
    }

    private List<Link> links(long walkInPatientId) {
        return schedule.linkCandidates(walkInPatientId).stream().map(p -> new Link(p.id(), p.externalId())).toList();
    }

    private String label(String visitType) {
        return config.visitType(visitType).map(KioskConfig.VisitType::label).orElse(visitType);
    }

    /** "3 of 6" from the schedule; otherwise counted from the patient's earlier visits of this type. */
    private static String course(BoardRow r) {
        if (r.courseNumber() != null) {
            return r.courseNumber() + (r.courseLength() == null ? "" : " of " + r.courseLength());
        }
        return Integer.toString(r.earlierVisits() + 1);
    }
}
