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
import java.util.Optional;

/**
 * Every change of a visit's state goes through {@link #move}: it checks the transition table, records who, when,
 * from, to and why, and changes the visit only if it is still in the state the caller saw, so that of two clicks
 * at once exactly one wins.
 */
public final class VisitService {
    private static final int TICKET_TRIES = 5;

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ClinicTime time;
    private final QueueEvents events;

    public VisitService(Jdbi jdbi, AuditLog audit, ClinicTime time, QueueEvents events) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.time = time;
        this.events = events;
    }

    public Optional<Visit> byId(long id) {
        return jdbi.withExtension(VisitDao.class, dao -> dao.byId(id));
    }

    public Optional<Visit> byAppointment(long appointmentId) {
        return jdbi.withExtension(VisitDao.class, dao -> dao.byAppointment(appointmentId));
    }

    /** The outcome of a move: the visit as it is now, and whether this caller's move was the one that happened. */
    public record Moved(boolean won, Optional<Visit> visit) {}

    /**
     * Moves the visit of an appointment from {@code from} to {@code to}. From {@code EXPECTED} the visit row is
     * created (the unique appointment settles a race); otherwise the row changes only if still in {@code from}.
     */
    public Moved move(long appointmentId, VisitState from, VisitState to, Actor actor, String reason, String firstStep) {
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException(from + " cannot move to " + to);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<Visit> moved = jdbi.inTransaction(h -> apply(h, appointmentId, from, to, actor, reason, firstStep));
                if (moved.isPresent()) {
                    events.publish("visit");
                }
                return new Moved(moved.isPresent(), moved.isPresent() ? moved : byAppointment(appointmentId));
            } catch (JdbiException e) {
                // A lost race (unique appointment or ticket, or a concurrent update): look again, unless it is over.
                Optional<Visit> now = byAppointment(appointmentId);
                boolean stillPossible = now.map(v -> v.state() == from).orElse(from == VisitState.EXPECTED);
                if (!stillPossible || attempt >= TICKET_TRIES) {
                    return new Moved(false, now);
                }
            }
        }
    }

    /**
     * The move itself, inside the caller's transaction. A visit leaving a chair frees it for cleaning (a room is
     * free at once); the period it was there is closed.
     */
    Optional<Visit> apply(Handle h, long appointmentId, VisitState from, VisitState to, Actor actor,
                          String reason, String firstStep) {
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
            if (visit.isEmpty() || dao.move(visit.get().id(), from.name(), to.name(), now) == 0) {
                return Optional.empty();
            }
            visitId = visit.get().id();
        }
        if (to == VisitState.ARRIVED) {
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
        return Optional.of(visit);
    }

    /**
     * Puts a visit where its screening says it belongs: once the steps that gate the chair are done, READY, or
     * NEEDS_REVIEW while a block flag is open; back to READY when the last block is cleared or withdrawn.
     */
    public Optional<Visit> settle(long appointmentId, boolean gatingDone, boolean blocked, Actor actor) {
        Optional<Visit> visit = byAppointment(appointmentId);
        if (visit.isEmpty()) {
            return visit;
        }
        VisitState state = visit.get().state();
        VisitState target = state;
        if (state == VisitState.ARRIVED && gatingDone) {
            target = blocked ? VisitState.NEEDS_REVIEW : VisitState.READY;
        } else if (state == VisitState.READY && blocked) {
            target = VisitState.NEEDS_REVIEW;
        } else if (state == VisitState.NEEDS_REVIEW && !blocked) {
            target = VisitState.READY;
        }
        if (target == state) {
            return visit;
        }
        return move(appointmentId, state, target, actor, blocked ? "open block flag" : null, null).visit();
    }

    /** Records which step the patient is on, for the board. */
    public void step(long visitId, String step) {
        if (jdbi.withExtension(VisitDao.class, dao -> dao.step(visitId, step, time.now())) > 0) {
            events.publish("visit");
        }
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
        });
        events.publish("visit");
    }

    /** The last visit's contact details, to prefill today's. */
    public Optional<Visit> previousContact(Visit visit) {
        return jdbi.withExtension(VisitDao.class, dao -> dao.previousContact(visit.patientId(), visit.id()));
    }

    public LocalDate today() {
        return time.today();
    }
}
