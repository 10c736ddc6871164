package clinic.kiosk.desk;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The board's read model: a projection over appointments, patients and visits. It never writes. */
interface BoardDao {
    @SqlQuery("""
            SELECT a.id AS appointment_id, a.starts_at, a.visit_type, a.status AS appointment_status, a.course_number,
                   a.course_length, p.id AS patient_id, p.first_name, p.last_name, p.demo, p.walk_in,
                   v.id AS visit_id, v.state, v.ticket_number, v.current_step, v.arrived_at, v.escort_name,
                   v.escort_plan, v.escort_returns_at,
                   (SELECT MIN(n.starts_at) FROM appointment n
                     WHERE n.patient_id = p.id AND n.status = 'booked' AND n.starts_at >= :to) AS next_at,
                   (SELECT COUNT(*) FROM visit h JOIN appointment ha ON ha.id = h.appointment_id
                     WHERE ha.patient_id = p.id AND ha.visit_type = a.visit_type AND h.ready_at IS NOT NULL
                       AND h.visit_date < :date) AS earlier_visits,
                   (SELECT t.reason FROM visit_transition t WHERE t.visit_id = v.id ORDER BY t.id DESC LIMIT 1) AS last_reason
              FROM appointment a
              JOIN patient p ON p.id = a.patient_id
              LEFT JOIN visit v ON v.appointment_id = a.id
             WHERE a.starts_at >= :from AND a.starts_at < :to
             ORDER BY a.starts_at, p.last_name, p.first_name
            """)
    @RegisterConstructorMapper(BoardRow.class)
    List<BoardRow> day(@Bind("from") Instant from, @Bind("to") Instant to, @Bind("date") LocalDate date);
}
