package clinic.kiosk.queue;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.audit.AuditLog.Event;
import clinic.kiosk.config.ClinicTime;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every change of a visit's state goes through {@link #apply}: it checks the transition table, records who, when,
 * from, to and why, and changes the visit only if it is still in the state the caller saw, so that of two clicks
 * at once exactly one wins. It also refuses to end a visit with a safety flag outstanding unless a clinician's
 * follow-up is named.
 */
public final class VisitService {
    private static final int TICKET_TRIES = 5;
    /** The ways a visit ends without treatment: a patient at risk may not leave the record this way silently. */
    private static final Set<VisitState> ENDINGS = EnumSet.of(VisitState.LEFT, VisitState.CANCELLED, VisitState.NO_SHOW);

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ClinicTime time;
    private final QueueEvents events;
    private final Safety safety;

    /** What the screening says when a visit is about to end without treatment. */
    public interface Safety {
        /** An open block flag, or a high-risk flag of any status, is on the visit. */
        boolean followUpNeeded(long visitId);

        /** Records the clinician's follow-up on those flags, inside the caller's transaction. */
        void recordFollowUp(Handle h, long visitId, FollowUp followUp, Actor actor);

        Safety NONE = new Safety() {
            @Override
            public boolean followUpNeeded(long visitId) {
                return false;
            }

            @Override
            public void recordFollowUp(Handle h, long visitId, FollowUp followUp, Actor actor) {
            }
        };
    }

    /** Thrown when a visit would end with a safety flag outstanding and no clinician's follow-up. */
    public static final class FollowUpRequired extends RuntimeException {
        FollowUpRequired() {
            super("a clinician's follow-up is needed", null, false, false);
        }
    }

    public VisitService(Jdbi jdbi, AuditLog audit, ClinicTime time, QueueEvents events, Safety safety) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.time = time;
        this.events = events;
        this.safety = safety;
    }

    public Optional<Visit> byId(long id) {
        return jdbi.withExtension(VisitDao.class, dao -> dao.byId(id));
    }

    public Optional<Visit> byAppointment(long appointmentId) {
        return jdbi.withExtension(VisitDao.class, dao -> dao.byAppointment(appointmentId));
    }

    /**
     * The outcome of a move: the visit as it is now, whether this caller's move was the one that happened, and,
     * when it did not happen for that reason, that a clinician's follow-up must be named first.
     */
    public record Moved(boolean won, Optional<Visit> visit, boolean followUpNeeded) {}

    /** Whether ending this visit now (left, cancelled) needs a clinician's named follow-up. */
    public boolean followUpNeeded(long visitId) {
        return safety.followUpNeeded(visitId);
    }

    public Moved move(long appointmentId, VisitState from, VisitState to, Actor actor, String reason, String firstStep) {
        return move(appointmentId, from, to, actor, reason, firstStep, null);
    }

    /** Ends a visit (left, cancelled, no-show) with the follow-up its safety flags need, if any. */
    public Moved end(long appointmentId, VisitState from, VisitState to, Actor actor, String reason, FollowUp followUp) {
        if (!ENDINGS.contains(to)) {
            throw new IllegalArgumentException(to + " does not end a visit");
        }
        return move(appointmentId, from, to, actor, reason, null, followUp);
    }

    /**
     * Moves the visit of an appointment from {@code from} to {@code to}. From {@code EXPECTED} the visit row is
     * created (the unique appointment settles a race); otherwise the row changes only if still in {@code from}.
     */
    private Moved move(long appointmentId, VisitState from, VisitState to, Actor actor, String reason, String firstStep,
                       FollowUp followUp) {
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException(from + " cannot move to " + to);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<Visit> moved = jdbi.inTransaction(h -> apply(h, appointmentId, from, to, actor, reason, firstStep, followUp));
                return new Moved(moved.isPresent(), moved.isPresent() ? moved : byAppointment(appointmentId), false);
            } catch (FollowUpRequired e) {
                return new Moved(false, byAppointment(appointmentId), true);
            } catch (JdbiException e) {
                // A lost race (unique appointment or ticket, or a concurrent update): look again, unless it is over.
                Optional<Visit> now = byAppointment(appointmentId);
                boolean stillPossible = now.map(v -> v.state() == from).orElse(from == VisitState.EXPECTED);
                if (!stillPossible || attempt >= TICKET_TRIES) {
                    return new Moved(false, now, false);
                }
            }
        }
    }

    Optional<Visit> apply(Handle h, long appointmentId, VisitState from, VisitState to, Actor actor,
                          String reason, String firstStep) {
        return apply(h, appointmentId, from, to, actor, reason, firstStep, null);
    }

    /**
     * The move itself, inside the caller's transaction. A visit leaving a chair frees it for cleaning (a room is
     * free at once); the period it was there is closed. Ending a visit with a safety flag outstanding throws
     * {@link FollowUpRequired} unless a follow-up is given, which is then recorded on the flags.
     */
    Optional<Visit> apply(Handle h, long appointmentId, VisitState from, VisitState to, Actor actor,
                          String reason, String firstStep, FollowUp followUp) {
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException(from + " cannot move to " + to);
        }
        VisitDao dao = h.attach(VisitDao.class);
        Instant now = time.now();
        long visitId;
        if (from == VisitState.EXPECTED) {
            if (dao.byAppointment(appointmentId).isPresent()) {
                return Optional.empty();
            }
            VisitDao.AppointmentFacts appointment = dao.appointment(appointmentId).orElseThrow();
            if (!appointment.status().equals("booked")) {
                return Optional.empty();
            }
            visitId = dao.insert(appointmentId, time.today(), to.name(), now);
        } else {
            Optional<Visit> visit = dao.byAppointment(appointmentId);
            if (visit.isEmpty() || visit.get().state() != from) {
                return Optional.empty();
            }
            if (ENDINGS.contains(to) && safety.followUpNeeded(visit.get().id())) {
                if (followUp == null) {
                    throw new FollowUpRequired();
                }
                safety.recordFollowUp(h, visit.get().id(), followUp, actor);
                reason = (reason == null ? "" : reason + "; ") + followUp.describe();
            }
            if (dao.move(visit.get().id(), from.name(), to.name(), now) == 0) {
                return Optional.empty();
            }
            visitId = visit.get().id();
        }
        if (to == VisitState.ARRIVED && (from == VisitState.EXPECTED || from == VisitState.NO_SHOW)) {
            dao.assignTicket(visitId, time.today());
            dao.arrived(visitId, now, firstStep, actor.kind() == Actor.Kind.STAFF ? actor.id() : null);
        } else if ((to == VisitState.READY || to == VisitState.NEEDS_REVIEW) && from == VisitState.ARRIVED) {
            dao.ready(visitId, now);
        }
        if (from.holdsPlace() && !to.holdsPlace()) {
            String after = dao.placeOf(visitId).map(p -> p.chair() ? "cleaning" : "free").orElse("free");
            dao.release(visitId, after, now);
            dao.endPlace(visitId, now);
        }
        dao.transition(visitId, from.name(), to.name(), now, actor.kind().name().toLowerCase(), actor.id(),
                actor.name(), reason, null);
        Visit visit = dao.byId(visitId).orElseThrow();
        audit.record(h, new Event(actor, "visit." + to.name().toLowerCase(), visit.patientId(),
                "visit " + visitId + ": " + from + " to " + to + (reason == null ? "" : " (" + reason + ")"), null));
        events.publish(h, "visit");
        return Optional.of(visit);
    }

    /** Records which step the patient is on, for the board. */
    public void step(long visitId, String step) {
        jdbi.useTransaction(h -> {
            if (h.attach(VisitDao.class).step(visitId, step, time.now()) > 0) {
                events.publish(h, "visit");
            }
        });
    }

    /** The confirmed mobile phone and the escort, as the patient (or the desk for them) gave them today. */
    public void saveContact(long visitId, String phone, Escort escort, Actor actor) {
        jdbi.useTransaction(h -> {
            VisitDao dao = h.attach(VisitDao.class);
            Visit visit = dao.byId(visitId).orElseThrow();
            dao.contact(visitId, phone, escort == null ? null : escort.name(), escort == null ? null : escort.phone(),
                    escort == null ? null : escort.code(),
                    escort == null || escort.returnsAt() == null ? null : escort.returnsAt().toString(), time.now());
            audit.record(h, new Event(actor, "visit.contact", visit.patientId(), "visit " + visitId + ": contact and escort", null));
            events.publish(h, "visit");
        });
    }

    /** The last visit's contact details, to prefill today's. */
    public Optional<Visit> previousContact(Visit visit) {
        return jdbi.withExtension(VisitDao.class, dao -> dao.previousContact(visit.patientId(), visit.id()));
    }

    public LocalDate today() {
        return time.today();
    }
}
