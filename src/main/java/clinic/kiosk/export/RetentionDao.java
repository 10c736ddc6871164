package clinic.kiosk.export;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;

/** The purge of a collected day's details. Each statement is bounded to the day's visits by its instants. */
interface RetentionDao {
    String DAY_VISITS = """
            SELECT v.id FROM visit v JOIN appointment a ON a.id = v.appointment_id
             WHERE a.starts_at >= :from AND a.starts_at < :to
            """;

    /** The day's patients whose newest weight is of this day: their summary row is written again (below). */
    @SqlUpdate("""
            DELETE FROM patient_summary WHERE patient_id IN (
              SELECT a.patient_id FROM vital_sign s JOIN visit v ON v.id = s.visit_id JOIN appointment a ON a.id = v.appointment_id
               WHERE a.starts_at >= :from AND a.starts_at < :to AND s.weight_kg IS NOT NULL
                 AND s.taken_at = (SELECT MAX(s2.taken_at) FROM vital_sign s2 JOIN visit v2 ON v2.id = s2.visit_id
                                    JOIN appointment a2 ON a2.id = v2.appointment_id
                                   WHERE a2.patient_id = a.patient_id AND s2.weight_kg IS NOT NULL))
            """)
    int forgetLastWeights(@Bind("from") Instant from, @Bind("to") Instant to);

    /**
     * Keeps each patient's newest weight before the day's vitals go (after {@link #forgetLastWeights}, in the same
     * transaction: portable SQL, no MERGE).
     */
    @SqlUpdate("""
            INSERT INTO patient_summary (patient_id, last_weight_kg, last_weight_at, updated_at)
            SELECT DISTINCT a.patient_id, s.weight_kg, s.taken_at, :now
              FROM vital_sign s JOIN visit v ON v.id = s.visit_id JOIN appointment a ON a.id = v.appointment_id
             WHERE a.starts_at >= :from AND a.starts_at < :to AND s.weight_kg IS NOT NULL
               AND s.taken_at = (SELECT MAX(s2.taken_at) FROM vital_sign s2 JOIN visit v2 ON v2.id = s2.visit_id
                                  JOIN appointment a2 ON a2.id = v2.appointment_id
                                 WHERE a2.patient_id = a.patient_id AND s2.weight_kg IS NOT NULL)
            """)
    int keepLastWeights(@Bind("from") Instant from, @Bind("to") Instant to, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM answer WHERE response_id IN (SELECT r.id FROM response r WHERE r.visit_id IN (" + DAY_VISITS + "))")
    int deleteAnswers(@Bind("from") Instant from, @Bind("to") Instant to);

    @SqlUpdate("DELETE FROM vital_sign WHERE visit_id IN (" + DAY_VISITS + ")")
    int deleteVitals(@Bind("from") Instant from, @Bind("to") Instant to);

    @SqlUpdate("UPDATE chair_event SET note = NULL WHERE note IS NOT NULL AND visit_id IN (" + DAY_VISITS + ")")
    int clearEventNotes(@Bind("from") Instant from, @Bind("to") Instant to);

    @SqlUpdate("UPDATE visit_transition SET reason = NULL WHERE reason IS NOT NULL AND visit_id IN (" + DAY_VISITS + ")")
    int clearTransitionReasons(@Bind("from") Instant from, @Bind("to") Instant to);

    @SqlUpdate("""
            UPDATE flag_event SET reason = NULL WHERE reason IS NOT NULL
               AND flag_id IN (SELECT f.id FROM flag f WHERE f.visit_id IN (""" + DAY_VISITS + "))")
    int clearFlagReasons(@Bind("from") Instant from, @Bind("to") Instant to);

    @SqlUpdate("UPDATE response SET void_reason = NULL WHERE void_reason IS NOT NULL AND visit_id IN (" + DAY_VISITS + ")")
    int clearVoidReasons(@Bind("from") Instant from, @Bind("to") Instant to);

    /** The medication record stays (the course's doses); a void's free-text reason goes. */
    @SqlUpdate("UPDATE medication_administration SET void_reason = NULL WHERE void_reason IS NOT NULL AND visit_id IN (" + DAY_VISITS + ")")
    int clearMedicationVoidReasons(@Bind("from") Instant from, @Bind("to") Instant to);

    /** A discharge keeps its ticks, the escort and who decided; the criteria as recorded (with values) and the override text go. */
    @SqlUpdate("""
            UPDATE discharge SET criteria = NULL, override_reason = NULL
             WHERE (criteria IS NOT NULL OR override_reason IS NOT NULL) AND visit_id IN (""" + DAY_VISITS + ")")
    int clearDischargeNotes(@Bind("from") Instant from, @Bind("to") Instant to);
}
