package clinic.kiosk.queue;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.audit.AuditLog.Event;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.config.KioskConfig.ChairCare;
import clinic.kiosk.config.KioskConfig.Place;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The part of the visit that happens in a chair or a room: seating, vitals, the pre-infusion gate, the infusion,
 * recovery, holds, the lounge, discharge, undo, and the chairs' own cleaning. Each action is one transaction whose
 * conditional updates decide, when two staff act at once, which one happened; the other gets a plain reason.
 */
public final class ChairService {
    /** The transitions a nurse may undo (within the configured minutes): those of the chair and the room. */
    private static final Set<VisitState> UNDOABLE = EnumSet.of(VisitState.SEATED, VisitState.IN_ROOM,
            VisitState.INFUSING, VisitState.RECOVERING, VisitState.WAITING_FOR_ESCORT, VisitState.HELD,
            VisitState.DISCHARGED);
    /** Why a seated patient was not infused today, as the form offers them. */
    public static final List<String> HOLD_REASONS = List.of("blood_pressure", "failed_iv", "ate", "no_escort",
            "unwell", "declined", "other");

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ClinicTime time;
    private final KioskConfig config;
    private final VisitService visits;
    private final QueueEvents events;
    private final Safety safety;

    /** What the screening says about a visit, asked before a chair and before the infusion; and where alarms go. */
    public interface Safety {
        boolean openBlock(long visitId);

        /** Alert flags not yet acknowledged by a clinician. */
        int unacknowledgedAlerts(long visitId);

        /** A vital sign past a stop-and-call threshold: a block flag of that code, in the caller's transaction. */
        void alarm(Handle h, long visitId, String code, String message, Actor actor);

        /** A flag raised by a vital sign is still open (not cleared by a clinician). */
        boolean alarmOpen(long visitId);
    }

    /** Why an action did not happen: a message key and its arguments; {@link #DONE} when it did. */
    public record Result(String problem, List<Object> args) {
        public static final Result DONE = new Result(null, List.of());

        static Result of(String problem, Object... args) {
            return new Result(problem, List.of(args));
        }

        public boolean done() {
            return problem == null;
        }
    }

    /** Thrown inside a transaction to roll it back with the reason the caller sees. */
    private static final class Refused extends RuntimeException {
        final Result result;

        Refused(Result result) {
            super(result.problem(), null, false, false);
            this.result = result;
        }
    }

    public ChairService(Jdbi jdbi, AuditLog audit, ClinicTime time, KioskConfig config, VisitService visits,
                        QueueEvents events, Safety safety) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.time = time;
        this.config = config;
        this.visits = visits;
        this.events = events;
        this.safety = safety;
    }

    public ChairCare care() {
        return config.chairCare();
    }

    /** Adds a row for every configured chair and room not yet known (start-up). Removed ones are left alone. */
    public void syncPlaces() {
        jdbi.useTransaction(h -> {
            VisitDao dao = h.attach(VisitDao.class);
            for (Place chair : config.chairs()) {
                dao.addPlace(chair.id(), "chair", time.now());
            }
            for (Place room : config.rooms()) {
                dao.addPlace(room.id(), "room", time.now());
            }
        });
    }

    /** The configured chairs, then rooms, as they are now. */
    public List<PlaceState> places() {
        List<PlaceState> all = jdbi.withExtension(VisitDao.class, VisitDao::places);
        return java.util.stream.Stream.concat(config.chairs().stream(), config.rooms().stream())
                .flatMap(p -> all.stream().filter(s -> s.id().equals(p.id())).findFirst().stream())
                .toList();
    }

    public Optional<PlaceState> placeOf(long visitId) {
        return jdbi.withExtension(VisitDao.class, dao -> dao.placeOf(visitId));
    }

    public String placeName(String placeId) {
        return config.place(placeId).map(Place::name).orElse(placeId);
    }

    public boolean blockOpen(long visitId) {
        return safety.openBlock(visitId);
    }

    public int alertsPending(long visitId) {
        return safety.unacknowledgedAlerts(visitId);
    }

    // Seating

    /**
     * Seats a READY visit in a chair (or takes a consult to a room). Refused while an alert is not acknowledged.
     * The visit's conditional move and the place's conditional update are one transaction: of two staff seating
     * the same patient, or two patients in the same chair, exactly one succeeds.
     */
    public Result seat(long visitId, String placeId, Actor actor) {
        Optional<Visit> found = visits.byId(visitId);
        Optional<Place> place = config.place(placeId);
        if (found.isEmpty() || place.isEmpty()) {
            return Result.of("chair.error.changed");
        }
        Visit visit = found.get();
        boolean chair = config.chairs().contains(place.get());
        KioskConfig.PlaceKind kind = visitKind(visit);
        if (chair != (kind == KioskConfig.PlaceKind.CHAIR)) {
            return Result.of(chair ? "chair.error.needs_room" : "chair.error.needs_chair");
        }
        if (visit.state() != VisitState.READY) {
            return Result.of("chair.error.not_ready");
        }
        if (safety.unacknowledgedAlerts(visitId) > 0) {
            return Result.of("chair.error.alerts");
        }
        VisitState to = chair ? VisitState.SEATED : VisitState.IN_ROOM;
        return act(h -> {
            VisitDao dao = h.attach(VisitDao.class);
            if (visits.apply(h, visit.appointmentId(), VisitState.READY, to, actor, place.get().name(), null).isEmpty()) {
                throw new Refused(Result.of("chair.error.changed"));
            }
            if (dao.occupy(placeId, visitId, "free", time.now()) == 0) {
                throw new Refused(Result.of("chair.error.taken", place.get().name()));
            }
            dao.startPlace(visitId, placeId, time.now());
        });
    }

    private KioskConfig.PlaceKind visitKind(Visit visit) {
        String type = jdbi.withExtension(VisitDao.class, dao -> dao.visitType(visit.appointmentId()));
        return config.visitType(type).map(KioskConfig.VisitType::place).orElse(KioskConfig.PlaceKind.CHAIR);
    }

    /** A chair that was cleaned is free again. */
    public Result cleaned(String placeId, Actor actor) {
        Optional<Place> place = config.place(placeId);
        if (place.isEmpty()) {
            return Result.of("chair.error.changed");
        }
        return act(h -> {
            if (h.attach(VisitDao.class).cleaned(placeId, time.now()) == 0) {
                throw new Refused(Result.of("chair.error.changed"));
            }
            audit.record(h, Event.of(actor, "chair.cleaned", place.get().name() + " free", null));
        });
    }

    // The pre-infusion gate, the infusion and the recovery

    /**
     * Starts the infusion: refused while a block flag is open, before any vitals were taken in the chair, and while
     * the last blood pressure is above the hold threshold, unless a clinician overrode it after that reading.
     */
    public Result start(long visitId, Actor actor) {
        Optional<Visit> visit = visits.byId(visitId);
        if (visit.isEmpty() || visit.get().state() != VisitState.SEATED) {
            return Result.of("chair.error.changed");
        }
        if (safety.openBlock(visitId)) {
            return Result.of("chair.error.block");
        }
        Gate gate = gate(visitId);
        if (gate.lastVitals().isEmpty()) {
            return Result.of("chair.error.no_vitals");
        }
        if (gate.high() && !gate.overridden()) {
            return Result.of("chair.error.pressure", gate.lastVitals().get().pressure(),
                    care().holdSystolic() + "/" + care().holdDiastolic());
        }
        String reason = gate.high() ? "blood pressure " + gate.lastVitals().get().pressure() + " overridden" : null;
        return act(h -> {
            // Read in the same transaction as the start: a record voided meanwhile does not slip through.
            h.attach(ChairDao.class).lockVisit(visitId);
            if (config.infusionMedication().isPresent() && h.attach(ChairDao.class).medications(visitId).stream()
                    .noneMatch(m -> m.infusion() && !m.voided())) {
                throw new Refused(Result.of("chair.error.no_medication", config.infusionMedication().get().name()));
            }
            if (visits.apply(h, visit.get().appointmentId(), VisitState.SEATED, VisitState.INFUSING, actor, reason, null).isEmpty()) {
                throw new Refused(Result.of("chair.error.changed"));
            }
            h.attach(ChairDao.class).infusionStarted(visitId, time.now());
        });
    }

    /** Where a seated visit stands at the gate: its last vitals, whether they are above the threshold, an override. */
    public record Gate(Optional<Vitals> lastVitals, boolean high, boolean overridden) {}

    public Gate gate(long visitId) {
        return jdbi.withExtension(ChairDao.class, dao -> {
            Optional<Vitals> last = dao.lastVitals(visitId);
            boolean high = last.map(v -> v.above(care().holdSystolic(), care().holdDiastolic())).orElse(false);
            boolean overridden = high && dao.events(visitId).stream()
                    .anyMatch(e -> e.kind().equals("bp_override") && !e.at().isBefore(last.get().takenAt()));
            return new Gate(last, high, overridden);
        });
    }

    /** A clinician lets the infusion start despite the last blood pressure, with a reason. */
    public Result override(long visitId, String reason, Actor actor) {
        Optional<Visit> visit = visits.byId(visitId);
        if (visit.isEmpty() || visit.get().state() != VisitState.SEATED || !gate(visitId).high()) {
            return Result.of("chair.error.changed");
        }
        return act(h -> {
            h.attach(ChairDao.class).event(visitId, time.now(), "bp_override", reason, staffId(actor), actor.name());
            audit.record(h, new Event(actor, "chair.override", visit.get().patientId(),
                    "visit " + visitId + ": blood pressure override (" + reason + ")", null));
        });
    }

    /** Ends the infusion, on time or stopped early (with the reason), and starts the recovery in the chair. */
    public Result end(long visitId, String stoppedEarly, Actor actor) {
        Optional<Visit> visit = visits.byId(visitId);
        if (visit.isEmpty() || visit.get().state() != VisitState.INFUSING) {
            return Result.of("chair.error.changed");
        }
        return act(h -> {
            if (visits.apply(h, visit.get().appointmentId(), VisitState.INFUSING, VisitState.RECOVERING, actor,
                    stoppedEarly == null ? null : "stopped early: " + stoppedEarly, null).isEmpty()) {
                throw new Refused(Result.of("chair.error.changed"));
            }
            h.attach(ChairDao.class).infusionEnded(visitId, time.now());
            if (stoppedEarly != null) {
                h.attach(ChairDao.class).event(visitId, time.now(), "stopped_early", stoppedEarly, staffId(actor), actor.name());
            }
        });
    }

    /** Recovered, out of the chair to wait for the escort in the lounge: the chair goes to cleaning. */
    public Result lounge(long visitId, Actor actor) {
        return visits.byId(visitId).map(v -> move(v, VisitState.RECOVERING, VisitState.WAITING_FOR_ESCORT, actor, null))
                .orElse(Result.of("chair.error.changed"));
    }

    /** Not infused today, with one of {@link #HOLD_REASONS} and a note; the chair goes to cleaning. */
    public Result hold(long visitId, String reason, String note, Actor actor) {
        if (!HOLD_REASONS.contains(reason)) {
            throw new IllegalArgumentException("unknown hold reason " + reason);
        }
        Optional<Visit> visit = visits.byId(visitId);
        if (visit.isEmpty() || visit.get().state() != VisitState.SEATED) {
            return Result.of("chair.error.changed");
        }
        return act(h -> {
            if (visits.apply(h, visit.get().appointmentId(), VisitState.SEATED, VisitState.HELD, actor,
                    reason.replace('_', ' ') + (note == null || note.isBlank() ? "" : ": " + note), null).isEmpty()) {
                throw new Refused(Result.of("chair.error.changed"));
            }
            h.attach(VisitDao.class).holdReason(visitId, reason);
        });
    }

    // Vitals and events

    /** The phase a reading belongs to, from the visit's state. */
    static String phase(VisitState state) {
        return switch (state) {
            case INFUSING -> "during";
            case RECOVERING, WAITING_FOR_ESCORT -> "after";
            default -> "before";
        };
    }

    public Result recordVitals(long visitId, Vitals.Reading reading, Actor actor) {
        Optional<Visit> visit = visits.byId(visitId);
        if (visit.isEmpty() || !visit.get().state().inCare()) {
            return Result.of("chair.error.changed");
        }
        VisitState state = visit.get().state();
        return act(h -> {
            h.attach(ChairDao.class).vitals(visitId, time.now(), phase(state), reading, staffId(actor), actor.name());
            audit.record(h, new Event(actor, "chair.vitals", visit.get().patientId(), "visit " + visitId + ": vitals recorded", null));
            // A number that should stop something must stop it: every value past a threshold is a block flag now.
            for (Alarms.Alarm alarm : Alarms.of(reading, care().call())) {
                safety.alarm(h, visitId, alarm.code(), alarmMessage(alarm, state), actor);
            }
        });
    }

    /** What the boards and the chair sheet say of an alarm: what was measured, when, and what to do. */
    private String alarmMessage(Alarms.Alarm alarm, VisitState state) {
        String when = switch (state) {
            case SEATED -> "before the infusion";
            case INFUSING -> "during the infusion";
            default -> "in recovery";
        };
        String todo = switch (state) {
            case SEATED -> "Do not start the infusion; call the prescriber.";
            case INFUSING -> "Pause the infusion and call the prescriber.";
            default -> "Stay with the patient and call the prescriber.";
        };
        return alarm.measured() + " at " + time.time(time.now()) + " " + when + ": past the stop-and-call threshold ("
                + alarm.threshold() + "). " + todo;
    }

    public Result recordEvent(long visitId, String kind, String note, Actor actor) {
        if (!ChairEvent.KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown in-chair event " + kind);
        }
        Optional<Visit> visit = visits.byId(visitId);
        if (visit.isEmpty() || !visit.get().state().inCare()) {
            return Result.of("chair.error.changed");
        }
        return act(h -> {
            h.attach(ChairDao.class).event(visitId, time.now(), kind, note, staffId(actor), actor.name());
            audit.record(h, new Event(actor, "chair.event", visit.get().patientId(), "visit " + visitId + ": " + kind, null));
        });
    }

    /** The nurse's note on IV access for next time; replaces this visit's earlier note. */
    public Result ivNote(long visitId, String note, Actor actor) {
        Optional<Visit> visit = visits.byId(visitId);
        if (visit.isEmpty() || !visit.get().state().inCare()) {
            return Result.of("chair.error.changed");
        }
        return act(h -> {
            h.attach(VisitDao.class).ivNote(visitId, note, actor.name(), time.now());
            audit.record(h, new Event(actor, "chair.iv_note", visit.get().patientId(), "visit " + visitId + ": IV note", null));
        });
    }

    /** The IV note of the patient's last visit that has one: what the nurse wrote about access last time. */
    public Optional<String> previousIvNote(Visit visit) {
        return jdbi.withExtension(VisitDao.class, dao -> dao.previousIvNote(visit.patientId(), visit.id()))
                .map(n -> n.ivNote() + " (" + n.ivNoteBy() + ", " + n.visitDate() + ")");
    }

    // Discharge

    /** What the discharge of a visit in the chair or the lounge needs, criterion by criterion, now. */
    public List<DischargeCheck.Criterion> dischargeCriteria(Visit visit, DischargeCheck.Ticked ticked, boolean escortAsGiven,
                                                            String otherEscort) {
        Optional<String> escort = escortAsGiven ? Optional.ofNullable(visit.escortName())
                : Optional.ofNullable(otherEscort).map(String::strip).filter(e -> !e.isEmpty());
        DischargeCheck.Facts facts = jdbi.withExtension(ChairDao.class, dao -> new DischargeCheck.Facts(
                dao.infusionEnded(visit.id()), dao.vitalsOf(visit.id()), safety.alarmOpen(visit.id()), escort, time.now()));
        return DischargeCheck.check(facts, ticked, config.discharge());
    }

    /**
     * Discharge by criteria, not by the clock. From a chair or the lounge every criterion must be met (observed long
     * enough after the infusion, recovery vitals within the limits and no alarm open, sedation and dissociation back
     * to baseline, walking, nausea, orientation, instructions given, an escort with a real name), unless a clinician
     * overrides the missing ones with a reason ({@code overrideReason}; the caller has checked the role). A consult
     * room ends without the ketamine checklist.
     */
    public Result discharge(long visitId, DischargeCheck.Ticked ticked, boolean escortAsGiven, String otherEscort,
                            String overrideReason, Actor actor) {
        Optional<Visit> found = visits.byId(visitId);
        if (found.isEmpty()) {
            return Result.of("chair.error.changed");
        }
        Visit visit = found.get();
        VisitState from = visit.state();
        if (!from.canMoveTo(VisitState.DISCHARGED)) {
            return Result.of("chair.error.changed");
        }
        boolean room = from == VisitState.IN_ROOM;
        List<DischargeCheck.Criterion> criteria = room ? List.of() : dischargeCriteria(visit, ticked, escortAsGiven, otherEscort);
        List<String> missing = DischargeCheck.missing(criteria);
        boolean overridden = !missing.isEmpty() && overrideReason != null && !overrideReason.isBlank();
        if (!missing.isEmpty() && !overridden) {
            return Result.of("discharge.error.missing");
        }
        String escortName = room ? null : escortAsGiven ? visit.escortName() : otherEscort == null ? null : otherEscort.strip();
        String recorded = criteria.stream().map(c -> c.key() + (c.met() ? " met" : " not met")
                + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")")).collect(Collectors.joining("; "));
        boolean vitalsOk = criteria.stream().filter(c -> c.key().equals("vitals")).anyMatch(DischargeCheck.Criterion::met);
        String reason = room ? null : overridden ? "criteria overridden by " + actor.name() + " (" + String.join(", ", missing)
                + " not met): " + overrideReason.strip() : escortAsGiven ? null : "with another adult";
        return act(h -> {
            if (visits.apply(h, visit.appointmentId(), from, VisitState.DISCHARGED, actor, reason, null).isEmpty()) {
                throw new Refused(Result.of("chair.error.changed"));
            }
            h.attach(ChairDao.class).discharge(visitId, time.now(), vitalsOk,
                    room ? new DischargeCheck.Ticked(false, false, false, false) : ticked, escortName, escortAsGiven && !room,
                    room ? null : recorded, overridden ? overrideReason.strip() : null, overridden ? actor.name() : null,
                    staffId(actor), actor.name());
            if (overridden) {
                audit.record(h, new Event(actor, "chair.discharge_override", visit.patientId(),
                        "visit " + visitId + ": discharge criteria overridden (" + String.join(", ", missing) + ")", null));
            }
        });
    }

    // The medication record

    public List<MedicationGiven> medications(long visitId) {
        return jdbi.withExtension(ChairDao.class, dao -> dao.medications(visitId));
    }

    public List<PastInfusion> pastInfusions(Visit visit) {
        return jdbi.withExtension(ChairDao.class, dao -> dao.pastInfusions(visit.patientId(), visit.id()));
    }

    /** The weight taken at this visit (dosing is per kg from the weight taken that day), if one was. */
    public Optional<BigDecimal> todaysWeight(long visitId) {
        return jdbi.withExtension(ChairDao.class, dao -> dao.vitalsOf(visitId)).stream()
                .filter(v -> v.weightKg() != null).reduce((a, b) -> b).map(Vitals::weightKg);
    }

    /**
     * Records a medication given (by a clinical role; the caller has checked): the infusion while seated, before it
     * starts, once (a wrong entry is voided first), dosed per kg from today's weight; an adjunct any time in care.
     * {@code dose} is mg/kg for a per-kg medication, else mg; above the configured maximum it is refused.
     */
    public Result giveMedication(long visitId, String medicationId, BigDecimal dose, String lot,
                                 String preparedBy, Actor actor) {
        Optional<Visit> visit = visits.byId(visitId);
        KioskConfig.Medication med = config.medications().get(medicationId);
        if (visit.isEmpty() || med == null || !visit.get().state().inCare()) {
            return Result.of("chair.error.changed");
        }
        boolean infusion = med.kind() == KioskConfig.MedicationKind.INFUSION;
        if (infusion && visit.get().state() != VisitState.SEATED) {
            return Result.of("medication.error.infusion_when");
        }
        if (dose.signum() <= 0 || dose.compareTo(med.maxDose()) > 0) {
            return Result.of("medication.error.dose", med.maxDose().stripTrailingZeros().toPlainString(), med.unit());
        }
        BigDecimal weight = null;
        BigDecimal mg = dose;
        if (med.perKg()) {
            Optional<BigDecimal> today = todaysWeight(visitId);
            if (today.isEmpty()) {
                return Result.of("medication.error.weight");
            }
            weight = today.get();
            mg = dose.multiply(weight).setScale(1, RoundingMode.HALF_UP);
        }
        MedicationGiven given = new MedicationGiven(0, visitId, med.id(), med.name(), med.code().system(), med.code().code(),
                infusion ? "infusion" : "adjunct", med.perKg() ? dose : null, weight, mg, med.route(),
                infusion ? med.overMinutes() : null, lot, preparedBy, actor.name(), staffId(actor), time.now(),
                infusion ? null : time.now(), null, null, null, null);
        return act(h -> {
            ChairDao dao = h.attach(ChairDao.class);
            dao.lockVisit(visitId);
            if (infusion && dao.medications(visitId).stream().anyMatch(m -> m.infusion() && !m.voided())) {
                throw new Refused(Result.of("medication.error.infusion_twice"));
            }
            dao.give(visitId, given);
            audit.record(h, new Event(actor, "chair.medication", visit.get().patientId(),
                    "visit " + visitId + ": " + med.name() + " " + given.describe(), null));
        });
    }

    /** A wrong medication entry, before it was given, is voided with the reason; it stays in the record. */
    public Result voidMedication(long visitId, long entryId, String reason, Actor actor) {
        Optional<Visit> visit = visits.byId(visitId);
        if (visit.isEmpty()) {
            return Result.of("chair.error.changed");
        }
        return act(h -> {
            h.attach(ChairDao.class).lockVisit(visitId);
            if (h.attach(ChairDao.class).voidMedication(entryId, visitId, time.now(), actor.name(), reason) == 0) {
                throw new Refused(Result.of("medication.error.void"));
            }
            audit.record(h, new Event(actor, "chair.medication_void", visit.get().patientId(),
                    "visit " + visitId + ": medication entry " + entryId + " voided", null));
        });
    }

    // End of the day

    /** The ways an open visit can be closed at the end of the day, from where it is now. */
    public static List<VisitState> closings(VisitState state) {
        return java.util.stream.Stream.of(VisitState.DISCHARGED, VisitState.HELD, VisitState.LEFT)
                .filter(state::canMoveTo).toList();
    }

    /**
     * Closes a visit left open (today after closing, or from an earlier day) as discharged, held or left, with the
     * reason staff give. A discharge closed this way records no checklist: the reason says what happened.
     */
    public Result close(long visitId, VisitState to, String reason, Actor actor) {
        return close(visitId, to, reason, actor, null);
    }

    /** As {@link #close(long, VisitState, String, Actor)}, with the clinician's follow-up a safety flag needs. */
    public Result close(long visitId, VisitState to, String reason, Actor actor, FollowUp followUp) {
        Optional<Visit> visit = visits.byId(visitId);
        if (visit.isEmpty() || !closings(visit.get().state()).contains(to)) {
            return Result.of("chair.error.changed");
        }
        VisitState from = visit.get().state();
        if (to == VisitState.DISCHARGED && safety.alarmOpen(visitId)) {
            // Closing as discharged records a discharge after the fact; with a vital sign still past its threshold it
            // must not pass silently: a clinician clears the alarm (or the visit is closed as left, with follow-up).
            return Result.of("chair.error.alarm_open");
        }
        return act(h -> {
            if (visits.apply(h, visit.get().appointmentId(), from, to, actor, "closed at end of day: " + reason, null, followUp).isEmpty()) {
                throw new Refused(Result.of("chair.error.changed"));
            }
            if (to == VisitState.HELD) {
                h.attach(VisitDao.class).holdReason(visitId, "other");
            }
        });
    }

    // Undo

    /** Whether the last transition of a visit can still be undone: a chair step by staff, within the window. */
    public boolean undoable(VisitState toState, boolean wasUndo, String actorKind, Instant at) {
        return toState != null && !wasUndo && "staff".equals(actorKind) && UNDOABLE.contains(toState)
                && at.plus(care().undoWindow()).isAfter(time.now());
    }

    /**
     * Undoes the visit's last transition: back to the state before, with the time it had entered it. A place it
     * took is freed; a place it left is taken again if nobody else has it; an undone discharge is marked.
     */
    public Result undo(long visitId, Actor actor) {
        Optional<Visit> found = visits.byId(visitId);
        if (found.isEmpty()) {
            return Result.of("chair.error.changed");
        }
        Visit visit = found.get();
        return act(h -> {
            VisitDao dao = h.attach(VisitDao.class);
            List<Transition> lastTwo = dao.lastTwo(visitId);
            Transition last = lastTwo.get(0);
            if (!undoable(last.toState(), last.undoOf() != null, last.actorKind(), last.at())
                    || !last.toState().equals(visit.state())) {
                throw new Refused(Result.of("chair.error.undo_gone"));
            }
            VisitState from = last.toState();
            VisitState back = last.fromState();
            Instant since = lastTwo.size() > 1 ? lastTwo.get(1).at() : visit.arrivedAt();
            Instant now = time.now();
            if (dao.moveBack(visitId, from.name(), back.name(), now, since == null ? now : since) == 0) {
                throw new Refused(Result.of("chair.error.undo_gone"));
            }
            if (from.holdsPlace() && !back.holdsPlace()) {
                dao.release(visitId, "free", now); // nobody sat in it: no cleaning needed
                dao.endPlace(visitId, now);
            } else if (!from.holdsPlace() && back.holdsPlace()) {
                VisitDao.PlaceUse use = dao.lastPlace(visitId).orElseThrow(() -> new Refused(Result.of("chair.error.undo_gone")));
                String after = config.chairs().stream().anyMatch(c -> c.id().equals(use.placeId())) ? "cleaning" : "free";
                if (dao.occupy(use.placeId(), visitId, after, now) == 0) {
                    throw new Refused(Result.of("chair.error.undo_taken", placeName(use.placeId())));
                }
                dao.reopenPlace(use.id());
            }
            if (from == VisitState.DISCHARGED) {
                h.attach(ChairDao.class).undoDischarge(visitId, now);
            }
            if (from == VisitState.INFUSING && back == VisitState.SEATED) {
                h.attach(ChairDao.class).infusionStartUndone(visitId);
            }
            if (from == VisitState.RECOVERING && back == VisitState.INFUSING) {
                h.attach(ChairDao.class).infusionEndUndone(visitId);
            }
            if (from == VisitState.HELD) {
                dao.holdReason(visitId, null);
            }
            dao.transition(visitId, from.name(), back.name(), now, actor.kind().name().toLowerCase(), actor.id(),
                    actor.name(), "undo", last.id());
            audit.record(h, new Event(actor, "visit.undo", visit.patientId(),
                    "visit " + visitId + ": " + from + " back to " + back, null));
        });
    }

    // Reading

    /** Everything the chair sheet shows of a visit (nurses and admins only: vitals are clinical). */
    public record Sheet(List<Vitals> vitals, List<ChairEvent> events, Optional<Discharge> discharge,
                        Optional<Weight> lastWeight, Gate gate) {}

    public Sheet sheet(Visit visit) {
        return jdbi.withExtension(ChairDao.class, dao -> new Sheet(dao.vitalsOf(visit.id()), dao.events(visit.id()),
                dao.discharge(visit.id()), dao.lastWeight(visit.patientId(), visit.id()), gate(visit.id())));
    }

    public List<Transition> transitions(long visitId) {
        return jdbi.withExtension(VisitDao.class, dao -> dao.transitions(visitId));
    }

    /** The states whose vital signs are due on a schedule: infusing, recovering, and in the lounge waiting for the escort. */
    public static boolean monitored(VisitState state) {
        return state == VisitState.INFUSING || state == VisitState.RECOVERING || state == VisitState.WAITING_FOR_ESCORT;
    }

    /** When the next vital signs are due: every configured interval while infusing, another while recovering. */
    public Instant vitalsDue(VisitState state, Instant lastReading, Instant stateSince) {
        Instant base = lastReading == null || lastReading.isBefore(stateSince) ? stateSince : lastReading;
        return base.plus(state == VisitState.INFUSING ? care().vitalsEvery() : care().recoveryVitalsEvery());
    }

    /** Due and not done within the configured grace: the board shows it as late. */
    public boolean vitalsLate(VisitState state, Instant lastReading, Instant stateSince) {
        return time.now().isAfter(vitalsDue(state, lastReading, stateSince).plus(care().vitalsLateAfter()));
    }

    // The lobby

    /** A call as the waiting room sees it: a ticket code and a place, never a name. */
    public record Call(long id, String ticket, String place, Instant at) {}

    public record Lobby(List<Call> calls, int waiting) {}

    /** Who was called to which place in the last 15 minutes (and is still there), newest first; how many wait. */
    public Lobby lobby() {
        return jdbi.withExtension(VisitDao.class, dao -> new Lobby(
                dao.calls(time.today(), time.now().minus(Duration.ofMinutes(15))).stream()
                        .map(c -> new Call(c.id(), Tickets.code(c.ticketNumber()), placeName(c.placeId()), c.startedAt()))
                        .toList(),
                dao.waiting(time.today())));
    }

    // Helpers

    private Result move(Visit visit, VisitState from, VisitState to, Actor actor, String reason) {
        if (visit.state() != from) {
            return Result.of("chair.error.changed");
        }
        return act(h -> {
            if (visits.apply(h, visit.appointmentId(), from, to, actor, reason, null).isEmpty()) {
                throw new Refused(Result.of("chair.error.changed"));
            }
        });
    }

    private Result act(java.util.function.Consumer<Handle> work) {
        try {
            jdbi.useTransaction(h -> {
                work.accept(h);
                events.publish(h, "visit");
            });
        } catch (Refused r) {
            return r.result;
        } catch (VisitService.FollowUpRequired f) {
            return Result.of("follow_up.error.needed");
        } catch (JdbiException e) {
            if (e.getCause() instanceof java.sql.SQLIntegrityConstraintViolationException
                    || e.getCause() instanceof java.sql.SQLException s && "23505".equals(s.getSQLState())) {
                return Result.of("chair.error.changed"); // the unique visit per place: the other click won
            }
            throw e;
        }
        return Result.DONE;
    }

    private static Long staffId(Actor actor) {
        return actor.kind() == Actor.Kind.STAFF ? actor.id() : null;
    }

    /** The average chair time of the last 30 days, once there are at least 5 chair visits; else the configured one. */
    public Duration averageChairTime() {
        List<VisitDao.PlaceUse> uses = jdbi.withExtension(VisitDao.class, dao -> dao.chairTimes(time.now().minus(Duration.ofDays(30))));
        List<Duration> real = uses.stream().map(u -> Duration.between(u.startedAt(), u.endedAt()))
                .filter(d -> d.toMinutes() >= 5).toList();
        if (real.size() < 5) {
            return care().chairTime();
        }
        return real.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(real.size());
    }

    /**
     * The estimated wait of each READY visit of today (by visit id), from the places' remaining timers, the queue
     * ahead by appointment time then arrival, and the average chair time. Consults wait for rooms, the rest for chairs.
     */
    public java.util.Map<Long, Duration> waits() {
        List<VisitDao.Queued> queue = jdbi.withExtension(VisitDao.class, dao -> dao.readyQueue(time.today()));
        java.util.Map<Long, Duration> result = new java.util.HashMap<>();
        if (queue.isEmpty()) {
            return result;
        }
        List<PlaceState> places = places();
        Duration cleaning = care().cleaning();
        for (boolean chairs : new boolean[] {true, false}) {
            List<VisitDao.Queued> waiting = queue.stream()
                    .filter(q -> (placeKind(q.visitType()) == KioskConfig.PlaceKind.CHAIR) == chairs).toList();
            if (waiting.isEmpty()) {
                continue;
            }
            List<Duration> freeIn = places.stream().filter(p -> p.chair() == chairs).map(this::freeIn).toList();
            Duration turnover = chairs ? averageChairTime().plus(cleaning) : roomTime(waiting.get(0).visitType());
            List<Duration> estimates = WaitTimes.estimate(freeIn, turnover, waiting.size());
            for (int i = 0; i < estimates.size(); i++) {
                result.put(waiting.get(i).visitId(), estimates.get(i));
            }
        }
        return result;
    }

    private KioskConfig.PlaceKind placeKind(String visitType) {
        return config.visitType(visitType).map(KioskConfig.VisitType::place).orElse(KioskConfig.PlaceKind.CHAIR);
    }

    private Duration roomTime(String visitType) {
        return config.visitType(visitType).map(KioskConfig.VisitType::duration).orElse(Duration.ofMinutes(60));
    }

    private Duration freeIn(PlaceState place) {
        Duration elapsed = Duration.between(place.since(), time.now());
        WaitTimes.Phase phase = WaitTimes.Phase.FREE;
        Duration roomVisit = Duration.ZERO;
        if (place.state().equals("cleaning")) {
            phase = WaitTimes.Phase.CLEANING;
        } else if (place.visitId() != null) {
            Visit visit = visits.byId(place.visitId()).orElseThrow();
            elapsed = Duration.between(visit.stateSince(), time.now());
            roomVisit = roomTime(jdbi.withExtension(VisitDao.class, dao -> dao.visitType(visit.appointmentId())));
            phase = switch (visit.state()) {
                case SEATED -> WaitTimes.Phase.SEATED;
                case INFUSING -> WaitTimes.Phase.INFUSING;
                case RECOVERING -> WaitTimes.Phase.RECOVERING;
                default -> WaitTimes.Phase.IN_ROOM;
            };
        }
        return WaitTimes.freeIn(phase, elapsed, care().preparation(), care().infusion(), care().recovery(),
                care().cleaning(), roomVisit);
    }
}
