package clinic.kiosk.queue;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(Visit.class)
interface VisitDao {
    /** Visits with their appointment's patient. */
    String SELECT = "SELECT v.*, a.patient_id FROM visit v JOIN appointment a ON a.id = v.appointment_id ";

    @SqlQuery(SELECT + "WHERE v.id = :id")
    Optional<Visit> byId(@Bind("id") long id);

    @SqlQuery(SELECT + "WHERE v.appointment_id = :appointmentId")
    Optional<Visit> byAppointment(@Bind("appointmentId") long appointmentId);

    record AppointmentFacts(long id, long patientId, Instant startsAt, String status) {}

    @SqlQuery("SELECT id, patient_id, starts_at, status FROM appointment WHERE id = :id")
    @RegisterConstructorMapper(AppointmentFacts.class)
    Optional<AppointmentFacts> appointment(@Bind("id") long id);

    record Queued(long visitId, String visitType) {}

    /** Today's READY visits in queue order: appointment time, then arrival. */
    @SqlQuery("""
            SELECT v.id AS visit_id, a.visit_type FROM visit v JOIN appointment a ON a.id = v.appointment_id
             WHERE v.visit_date = :date AND v.state = 'READY' ORDER BY a.starts_at, v.arrived_at, v.id
            """)
    @RegisterConstructorMapper(Queued.class)
    List<Queued> readyQueue(@Bind("date") LocalDate date);

    record Call(long id, int ticketNumber, String placeId, Instant startedAt) {}

    /** Patients called to a place since a time and still there: the lobby's list, newest first. */
    @SqlQuery("""
            SELECT vp.id, v.ticket_number, vp.place_id, vp.started_at FROM visit_place vp JOIN visit v ON v.id = vp.visit_id
             WHERE v.visit_date = :date AND vp.ended_at IS NULL AND vp.started_at >= :since AND v.ticket_number IS NOT NULL
             ORDER BY vp.started_at DESC, vp.id DESC
            """)
    @RegisterConstructorMapper(Call.class)
    List<Call> calls(@Bind("date") LocalDate date, @Bind("since") Instant since);

    @SqlQuery("SELECT COUNT(*) FROM visit WHERE visit_date = :date AND state IN ('ARRIVED', 'NEEDS_REVIEW', 'READY')")
    int waiting(@Bind("date") LocalDate date);

    @SqlQuery("SELECT visit_type FROM appointment WHERE id = :id")
    String visitType(@Bind("id") long appointmentId);

    @SqlUpdate("""
            INSERT INTO visit (appointment_id, visit_date, state, updated_at, state_since)
            VALUES (:appointmentId, :date, :state, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("appointmentId") long appointmentId, @Bind("date") LocalDate date, @Bind("state") String state,
                @Bind("now") Instant now);

    /** The conditional update that settles races: only one caller finds the visit still in {@code from}. */
    @SqlUpdate("UPDATE visit SET state = :to, updated_at = :now, state_since = :now WHERE id = :id AND state = :from")
    int move(@Bind("id") long id, @Bind("from") String from, @Bind("to") String to, @Bind("now") Instant now);

    /** An undo: back to the earlier state, with the time the visit had entered it. */
    @SqlUpdate("UPDATE visit SET state = :to, updated_at = :now, state_since = :since WHERE id = :id AND state = :from")
    int moveBack(@Bind("id") long id, @Bind("from") String from, @Bind("to") String to, @Bind("now") Instant now,
                 @Bind("since") Instant since);

    @SqlUpdate("""
            UPDATE visit SET ticket_number = (SELECT COALESCE(MAX(v.ticket_number), 0) + 1 FROM visit v WHERE v.visit_date = :date)
             WHERE id = :id AND ticket_number IS NULL
            """)
    void assignTicket(@Bind("id") long id, @Bind("date") LocalDate date);

    @SqlUpdate("UPDATE visit SET arrived_at = :now, current_step = :step, checked_in_by = :staff WHERE id = :id")
    void arrived(@Bind("id") long id, @Bind("now") Instant now, @Bind("step") String step, @Bind("staff") Long staff);

    @SqlUpdate("UPDATE visit SET ready_at = :now, current_step = NULL WHERE id = :id")
    void ready(@Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE visit SET current_step = :step, updated_at = :now WHERE id = :id")
    int step(@Bind("id") long id, @Bind("step") String step, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE visit SET phone = :phone, escort_name = :escortName, escort_phone = :escortPhone,
                   escort_plan = :escortPlan, escort_returns_at = :escortReturnsAt, updated_at = :now
             WHERE id = :id
            """)
    void contact(@Bind("id") long id, @Bind("phone") String phone, @Bind("escortName") String escortName,
                 @Bind("escortPhone") String escortPhone, @Bind("escortPlan") String escortPlan,
                 @Bind("escortReturnsAt") String escortReturnsAt, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO visit_transition (visit_id, from_state, to_state, at, actor_kind, actor_id, actor_name, reason, undo_of)
            VALUES (:visitId, :from, :to, :at, :actorKind, :actorId, :actorName, :reason, :undoOf)
            """)
    void transition(@Bind("visitId") long visitId, @Bind("from") String from, @Bind("to") String to,
                    @Bind("at") Instant at, @Bind("actorKind") String actorKind, @Bind("actorId") Long actorId,
                    @Bind("actorName") String actorName, @Bind("reason") String reason, @Bind("undoOf") Long undoOf);

    @SqlQuery("""
            SELECT id, from_state, to_state, at, actor_kind, actor_name, reason, undo_of FROM visit_transition
             WHERE visit_id = :id ORDER BY id
            """)
    @RegisterConstructorMapper(Transition.class)
    List<Transition> transitions(@Bind("id") long visitId);

    @SqlQuery("""
            SELECT id, from_state, to_state, at, actor_kind, actor_name, reason, undo_of FROM visit_transition
             WHERE visit_id = :id ORDER BY id DESC LIMIT 2
            """)
    @RegisterConstructorMapper(Transition.class)
    List<Transition> lastTwo(@Bind("id") long visitId);

    @SqlUpdate("UPDATE visit SET iv_note = :note, iv_note_by = :by, updated_at = :now WHERE id = :id")
    void ivNote(@Bind("id") long id, @Bind("note") String note, @Bind("by") String by, @Bind("now") Instant now);

    record IvNote(String ivNote, String ivNoteBy, LocalDate visitDate) {}

    /** The patient's IV note from their most recent earlier visit that has one. */
    @SqlQuery("""
            SELECT v.iv_note, v.iv_note_by, v.visit_date FROM visit v JOIN appointment a ON a.id = v.appointment_id
             WHERE a.patient_id = :patientId AND v.id <> :visitId AND v.iv_note IS NOT NULL
             ORDER BY v.visit_date DESC, v.id DESC LIMIT 1
            """)
    @RegisterConstructorMapper(IvNote.class)
    Optional<IvNote> previousIvNote(@Bind("patientId") long patientId, @Bind("visitId") long visitId);

    @SqlUpdate("UPDATE visit SET hold_reason = :reason WHERE id = :id")
    void holdReason(@Bind("id") long id, @Bind("reason") String reason);

    // Places: one visit per place and one place per visit, settled by conditional updates and the unique visit_id

    @SqlUpdate("""
            INSERT INTO place (id, kind, state, since) SELECT :id, :kind, 'free', :now FROM (VALUES (1)) x
             WHERE NOT EXISTS (SELECT 1 FROM place WHERE id = :id)
            """)
    void addPlace(@Bind("id") String id, @Bind("kind") String kind, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM place")
    @RegisterConstructorMapper(PlaceState.class)
    List<PlaceState> places();

    @SqlQuery("SELECT * FROM place WHERE visit_id = :visitId")
    @RegisterConstructorMapper(PlaceState.class)
    Optional<PlaceState> placeOf(@Bind("visitId") long visitId);

    @SqlUpdate("UPDATE place SET state = 'occupied', visit_id = :visitId, since = :now WHERE id = :id AND state = :from")
    int occupy(@Bind("id") String id, @Bind("visitId") long visitId, @Bind("from") String from, @Bind("now") Instant now);

    @SqlUpdate("UPDATE place SET state = :to, visit_id = NULL, since = :now WHERE visit_id = :visitId")
    int release(@Bind("visitId") long visitId, @Bind("to") String to, @Bind("now") Instant now);

    @SqlUpdate("UPDATE place SET state = 'free', since = :now WHERE id = :id AND state = 'cleaning'")
    int cleaned(@Bind("id") String id, @Bind("now") Instant now);

    @SqlUpdate("INSERT INTO visit_place (visit_id, place_id, started_at) VALUES (:visitId, :placeId, :now)")
    void startPlace(@Bind("visitId") long visitId, @Bind("placeId") String placeId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE visit_place SET ended_at = :now WHERE visit_id = :visitId AND ended_at IS NULL")
    void endPlace(@Bind("visitId") long visitId, @Bind("now") Instant now);

    record PlaceUse(long id, String placeId, Instant startedAt, Instant endedAt) {}

    @SqlQuery("SELECT id, place_id, started_at, ended_at FROM visit_place WHERE visit_id = :visitId ORDER BY id DESC LIMIT 1")
    @RegisterConstructorMapper(PlaceUse.class)
    Optional<PlaceUse> lastPlace(@Bind("visitId") long visitId);

    @SqlUpdate("UPDATE visit_place SET ended_at = NULL WHERE id = :id")
    void reopenPlace(@Bind("id") long id);

    /** Chair times of the last days, from seating to leaving the chair (short ones were undone seatings). */
    @SqlQuery("""
            SELECT vp.id, vp.place_id, vp.started_at, vp.ended_at FROM visit_place vp JOIN place p ON p.id = vp.place_id
             WHERE p.kind = 'chair' AND vp.ended_at >= :since AND vp.ended_at > vp.started_at
            """)
    @RegisterConstructorMapper(PlaceUse.class)
    List<PlaceUse> chairTimes(@Bind("since") Instant since);

    /** The patient's most recent visit before this one that recorded contact details: to prefill them. */
    @SqlQuery("""
            SELECT v.*, a.patient_id FROM visit v JOIN appointment a ON a.id = v.appointment_id
             WHERE a.patient_id = :patientId AND v.id <> :visitId AND v.phone IS NOT NULL
             ORDER BY v.arrived_at DESC NULLS LAST, v.id DESC LIMIT 1
            """)
    Optional<Visit> previousContact(@Bind("patientId") long patientId, @Bind("visitId") long visitId);
}
