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

    @SqlUpdate("""
            INSERT INTO visit (appointment_id, visit_date, state, updated_at)
            VALUES (:appointmentId, :date, :state, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("appointmentId") long appointmentId, @Bind("date") LocalDate date, @Bind("state") String state,
                @Bind("now") Instant now);

    /** The conditional update that settles races: only one caller finds the visit still in {@code from}. */
    @SqlUpdate("UPDATE visit SET state = :to, updated_at = :now WHERE id = :id AND state = :from")
    int move(@Bind("id") long id, @Bind("from") String from, @Bind("to") String to, @Bind("now") Instant now);

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
            INSERT INTO visit_transition (visit_id, from_state, to_state, at, actor_kind, actor_id, actor_name, reason)
            VALUES (:visitId, :from, :to, :at, :actorKind, :actorId, :actorName, :reason)
            """)
    void transition(@Bind("visitId") long visitId, @Bind("from") String from, @Bind("to") String to,
                    @Bind("at") Instant at, @Bind("actorKind") String actorKind, @Bind("actorId") Long actorId,
                    @Bind("actorName") String actorName, @Bind("reason") String reason);

    record Transition(String fromState, String toState, Instant at, String actorName, String reason) {}

    @SqlQuery("SELECT from_state, to_state, at, actor_name, reason FROM visit_transition WHERE visit_id = :id ORDER BY id")
    @RegisterConstructorMapper(Transition.class)
    List<Transition> transitions(@Bind("id") long visitId);

    /** The patient's most recent visit before this one that recorded contact details: to prefill them. */
    @SqlQuery("""
            SELECT v.*, a.patient_id FROM visit v JOIN appointment a ON a.id = v.appointment_id
             WHERE a.patient_id = :patientId AND v.id <> :visitId AND v.phone IS NOT NULL
             ORDER BY v.arrived_at DESC NULLS LAST, v.id DESC LIMIT 1
            """)
    Optional<Visit> previousContact(@Bind("patientId") long patientId, @Bind("visitId") long visitId);
}
