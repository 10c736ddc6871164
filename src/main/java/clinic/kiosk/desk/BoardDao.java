package clinic.kiosk.desk;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The board's read model: a projection over appointments, patients, visits and places. It never writes. */
@RegisterConstructorMapper(BoardRow.class)
interface BoardDao {
    String COLUMNS = """
            SELECT a.id AS appointment_id, a.starts_at, a.visit_type, a.status AS appointment_status, a.course_number,
                   a.course_length, a.course_id, p.id AS patient_id, p.first_name, p.last_name, p.demo, p.walk_in,
                   v.id AS visit_id, v.visit_date, v.state, v.ticket_number, v.current_step, v.arrived_at, v.escort_name,
                   v.escort_plan, v.escort_returns_at, v.state_since, pl.id AS place_id,
                   (SELECT MIN(n.starts_at) FROM appointment n
                     WHERE n.patient_id = p.id AND n.status = 'booked' AND n.starts_at >= :to) AS next_at,
                   (SELECT COUNT(*) FROM visit h JOIN appointment ha ON ha.id = h.appointment_id
                     WHERE ha.patient_id = p.id AND ha.visit_type = a.visit_type AND h.ready_at IS NOT NULL
                       AND h.visit_date < COALESCE(v.visit_date, :date)) AS earlier_visits,
                   (SELECT MAX(s.taken_at) FROM vital_sign s WHERE s.visit_id = v.id) AS last_vitals_at,
                   t.to_state AS last_to, t.at AS last_at, t.actor_kind AS last_actor_kind,
                   t.undo_of IS NOT NULL AS last_was_undo, t.reason AS last_reason
              FROM appointment a
              JOIN patient p ON p.id = a.patient_id
            """;
    String LAST_TRANSITION = """
              LEFT JOIN visit_transition t ON t.id = (SELECT MAX(tt.id) FROM visit_transition tt WHERE tt.visit_id = v.id)
              LEFT JOIN place pl ON pl.visit_id = v.id
            """;

    @SqlQuery(COLUMNS + " LEFT JOIN visit v ON v.appointment_id = a.id " + LAST_TRANSITION + """
             WHERE a.starts_at >= :from AND a.starts_at < :to
             ORDER BY a.starts_at, v.arrived_at, p.last_name, p.first_name
            """)
    List<BoardRow> day(@Bind("from") Instant from, @Bind("to") Instant to, @Bind("date") LocalDate date);

    /** Visits of earlier days still open: they stay at the top of the board until someone closes them. */
    @SqlQuery(COLUMNS + " JOIN visit v ON v.appointment_id = a.id " + LAST_TRANSITION + """
             WHERE v.visit_date < :date
               AND v.state NOT IN ('DISCHARGED', 'HELD', 'CANCELLED', 'NO_SHOW', 'LEFT')
             ORDER BY v.visit_date, a.starts_at
            """)
    List<BoardRow> earlierOpen(@Bind("date") LocalDate date, @Bind("to") Instant to);
}
