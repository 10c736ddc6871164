package clinic.kiosk.desk;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.queue.Tickets;
import clinic.kiosk.queue.VisitState;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.screening.FlagRow;
import clinic.kiosk.screening.ScreeningService;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Builds the desk board's columns for today: Expected, Arrived, Needs review, Ready, Done today, with each visit's
 * live block and alert flags (the desk's short message only). Each build is an audited view.
 */
public final class Board {
    private static final DateTimeFormatter NEXT = DateTimeFormatter.ofPattern("MMM d, h:mm a", Locale.US);
    private static final DateTimeFormatter RETURNS = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ClinicTime time;
    private final KioskConfig config;
    private final ScheduleService schedule;
    private final FailureCount failures;
    private final ScreeningService screening;

    /** How many identifications failed at the tablets today (counted by the check-in feature). */
    public interface FailureCount {
        int today();
    }

    public Board(Jdbi jdbi, AuditLog audit, ClinicTime time, KioskConfig config, ScheduleService schedule,
                 ScreeningService screening, FailureCount failures) {
        this.screening = screening;
        this.jdbi = jdbi;
        this.audit = audit;
        this.time = time;
        this.config = config;
        this.schedule = schedule;
        this.failures = failures;
    }

    public record Link(long patientId, String externalId) {}

    /** A live flag as the board shows it: the tier, the desk's short message, and whether it is overdue. */
    public record CardFlag(String tier, String message, boolean escalated, boolean acknowledged) {}

    public record Card(long appointmentId, long patientId, Long visitId, List<CardFlag> flags, String time, String name, boolean demo, boolean walkIn, List<Link> links,
                String visitType, String course, String state, String ticket, String step, Long lateMinutes,
                String next, String escortName, String escortPlan, String escortBack, String reason) {}

    public record Columns(List<Card> expected, List<Card> arrived, List<Card> needsReview, List<Card> ready,
                          List<Card> done, int failures, String updated, boolean escalated) {}

    Columns today(Actor viewer, String remote) {
        LocalDate today = time.today();
        Instant now = time.now();
        List<BoardRow> rows = jdbi.inTransaction(h -> {
            List<BoardRow> list = h.attach(BoardDao.class).day(time.startOf(today), time.endOf(today), today);
            audit.record(h, new AuditLog.Event(viewer, "board.view", null, "board of " + today + " (" + list.size() + " shown)", remote));
            return list;
        });
        List<Long> visitIds = rows.stream().map(BoardRow::visitId).filter(java.util.Objects::nonNull).toList();
        java.util.Map<Long, List<CardFlag>> flags = new java.util.HashMap<>();
        boolean anyEscalated = false;
        for (FlagRow f : screening.liveFlags(visitIds)) {
            if (f.tier().equals("info")) {
                continue;
            }
            boolean escalated = screening.escalated(f);
            anyEscalated |= escalated;
            flags.computeIfAbsent(f.visitId(), k -> new ArrayList<>()).add(new CardFlag(f.tier(), f.deskMessage(),
                    escalated, f.status().equals("acknowledged")));
        }
        List<Card> expected = new ArrayList<>();
        List<Card> arrived = new ArrayList<>();
        List<Card> needsReview = new ArrayList<>();
        List<Card> ready = new ArrayList<>();
        List<Card> done = new ArrayList<>();
        for (BoardRow r : rows) {
            VisitState state = r.state() == null
                    ? (r.appointmentStatus().equals("cancelled") ? VisitState.CANCELLED : VisitState.EXPECTED)
                    : VisitState.valueOf(r.state());
            OptionalLong late = state == VisitState.EXPECTED
                    ? Lateness.minutesLate(r.startsAt(), now, config.schedule().lateGrace()) : OptionalLong.empty();
            Card card = new Card(r.appointmentId(), r.patientId(), r.visitId(),
                    r.visitId() == null ? List.of() : flags.getOrDefault(r.visitId(), List.of()), time.time(r.startsAt()), r.lastName() + ", " + r.firstName(),
                    r.demo(), r.walkIn(), r.walkIn() ? links(r.patientId()) : List.of(), label(r.visitType()),
                    course(r), state.name(), r.ticketNumber() == null ? null : Tickets.code(r.ticketNumber()),
                    r.currentStep() == null ? null : r.currentStep().startsWith("form:") ? "step.forms" : "step." + r.currentStep(),
                    late.isPresent() ? late.getAsLong() : null,
                    r.nextAt() == null ? null : NEXT.withZone(time.zone()).format(r.nextAt()), r.escortName(),
                    r.escortPlan(), r.escortReturnsAt() == null ? null : RETURNS.format(LocalTime.parse(r.escortReturnsAt())),
                    r.lastReason());
            switch (state) {
                case EXPECTED -> expected.add(card);
                case ARRIVED -> arrived.add(card);
                case NEEDS_REVIEW -> needsReview.add(card);
                case READY -> ready.add(card);
                default -> done.add(card);
            }
        }
        return new Columns(expected, arrived, needsReview, ready, done, failures.today(), time.time(now), anyEscalated);
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
