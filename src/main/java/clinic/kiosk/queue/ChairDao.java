package clinic.kiosk.queue;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Vitals, in-chair events and discharges: appended, never changed (an undone discharge is marked). */
interface ChairDao {
    @SqlUpdate("""
            INSERT INTO vital_sign (visit_id, taken_at, phase, systolic, diastolic, heart_rate, spo2, weight_kg, staff_id, staff_name)
            VALUES (:visitId, :at, :phase, :r.systolic, :r.diastolic, :r.heartRate, :r.spo2, :r.weightKg, :staffId, :staffName)
            """)
    void vitals(@Bind("visitId") long visitId, @Bind("at") Instant at, @Bind("phase") String phase,
                @BindMethods("r") Vitals.Reading reading, @Bind("staffId") Long staffId, @Bind("staffName") String staffName);

    @SqlQuery("SELECT * FROM vital_sign WHERE visit_id = :visitId ORDER BY taken_at, id")
    @RegisterConstructorMapper(Vitals.class)
    List<Vitals> vitalsOf(@Bind("visitId") long visitId);

    @SqlQuery("SELECT * FROM vital_sign WHERE visit_id = :visitId ORDER BY taken_at DESC, id DESC LIMIT 1")
    @RegisterConstructorMapper(Vitals.class)
    Optional<Vitals> lastVitals(@Bind("visitId") long visitId);

    /** The patient's last weight from an earlier visit (or, once old days were purged, the one kept for them). */
    @SqlQuery("""
            SELECT weight_kg, taken_at FROM (
                SELECT s.weight_kg, s.taken_at FROM vital_sign s
                  JOIN visit v ON v.id = s.visit_id JOIN appointment a ON a.id = v.appointment_id
                 WHERE a.patient_id = :patientId AND s.weight_kg IS NOT NULL AND s.visit_id <> :visitId
                UNION ALL
                SELECT last_weight_kg, last_weight_at FROM patient_summary
                 WHERE patient_id = :patientId AND last_weight_kg IS NOT NULL
            ) w ORDER BY taken_at DESC LIMIT 1
            """)
    @RegisterConstructorMapper(Weight.class)
    Optional<Weight> lastWeight(@Bind("patientId") long patientId, @Bind("visitId") long visitId);

    @SqlUpdate("""
            INSERT INTO chair_event (visit_id, at, kind, note, staff_id, staff_name)
            VALUES (:visitId, :at, :kind, :note, :staffId, :staffName)
            """)
    void event(@Bind("visitId") long visitId, @Bind("at") Instant at, @Bind("kind") String kind,
               @Bind("note") String note, @Bind("staffId") Long staffId, @Bind("staffName") String staffName);

    @SqlQuery("SELECT * FROM chair_event WHERE visit_id = :visitId ORDER BY at, id")
    @RegisterConstructorMapper(ChairEvent.class)
    List<ChairEvent> events(@Bind("visitId") long visitId);

    @SqlUpdate("""
            INSERT INTO discharge (visit_id, at, vitals_ok, walking_steadily, nausea_controlled, oriented, escort_name,
                                   escort_as_given, staff_id, staff_name)
            VALUES (:visitId, :at, :c.vitalsOk, :c.walkingSteadily, :c.nauseaControlled, :c.oriented, :escortName,
                    :c.escortAsGiven, :staffId, :staffName)
            """)
    void discharge(@Bind("visitId") long visitId, @Bind("at") Instant at, @BindMethods("c") Discharge.Checklist checklist,
                   @Bind("escortName") String escortName, @Bind("staffId") Long staffId, @Bind("staffName") String staffName);

    @SqlQuery("SELECT * FROM discharge WHERE visit_id = :visitId AND undone_at IS NULL")
    @RegisterConstructorMapper(Discharge.class)
    Optional<Discharge> discharge(@Bind("visitId") long visitId);

    @SqlUpdate("UPDATE discharge SET undone_at = :now WHERE visit_id = :visitId AND undone_at IS NULL")
    void undoDischarge(@Bind("visitId") long visitId, @Bind("now") Instant now);
}
