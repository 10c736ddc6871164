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
            INSERT INTO vital_sign (visit_id, taken_at, phase, systolic, diastolic, heart_rate, spo2, respiratory_rate,
                                    sedation, dissociation, weight_kg, staff_id, staff_name)
            VALUES (:visitId, :at, :phase, :r.systolic, :r.diastolic, :r.heartRate, :r.spo2, :r.respiratoryRate,
                    :r.sedation, :r.dissociation, :r.weightKg, :staffId, :staffName)
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
                                   escort_as_given, instructions_given, criteria, override_reason, override_by,
                                   staff_id, staff_name)
            VALUES (:visitId, :at, :vitalsOk, :t.walking, :t.nausea, :t.oriented, :escortName, :escortAsGiven,
                    :t.instructions, :criteria, :overrideReason, :overrideBy, :staffId, :staffName)
            """)
    void discharge(@Bind("visitId") long visitId, @Bind("at") Instant at, @Bind("vitalsOk") boolean vitalsOk,
                   @BindMethods("t") DischargeCheck.Ticked ticked, @Bind("escortName") String escortName,
                   @Bind("escortAsGiven") boolean escortAsGiven, @Bind("criteria") String criteria,
                   @Bind("overrideReason") String overrideReason, @Bind("overrideBy") String overrideBy,
                   @Bind("staffId") Long staffId, @Bind("staffName") String staffName);

    /** When the visit's infusion ended (its end not undone). */
    @SqlQuery("""
            SELECT MAX(t.at) FROM visit_transition t
             WHERE t.visit_id = :visitId AND t.from_state = 'INFUSING' AND t.to_state = 'RECOVERING'
               AND NOT EXISTS (SELECT 1 FROM visit_transition u WHERE u.undo_of = t.id)
            """)
    Optional<Instant> infusionEnded(@Bind("visitId") long visitId);

    // The medication record

    /** Locks the visit's row until the transaction ends: two taps recording the infusion are taken one after the other. */
    @SqlQuery("SELECT id FROM visit WHERE id = :visitId FOR UPDATE")
    Optional<Long> lockVisit(@Bind("visitId") long visitId);

    @SqlUpdate("""
            INSERT INTO medication_administration (visit_id, medication_id, name, code_system, code, kind, dose_mg_per_kg,
                   weight_kg, dose_mg, route, over_minutes, lot, prepared_by, given_by, given_by_id, recorded_at, started_at)
            VALUES (:visitId, :m.medicationId, :m.name, :m.codeSystem, :m.code, :m.kind, :m.doseMgPerKg, :m.weightKg,
                    :m.doseMg, :m.route, :m.overMinutes, :m.lot, :m.preparedBy, :m.givenBy, :m.givenById, :m.recordedAt,
                    :m.startedAt)
            """)
    void give(@Bind("visitId") long visitId, @BindMethods("m") MedicationGiven given);

    @SqlQuery("SELECT * FROM medication_administration WHERE visit_id = :visitId ORDER BY recorded_at, id")
    @RegisterConstructorMapper(MedicationGiven.class)
    List<MedicationGiven> medications(@Bind("visitId") long visitId);

    /** The infusion starts, or ends: its record (not voided) gets the time. */
    @SqlUpdate("""
            UPDATE medication_administration SET started_at = :at
             WHERE visit_id = :visitId AND kind = 'infusion' AND voided_at IS NULL AND started_at IS NULL
            """)
    int infusionStarted(@Bind("visitId") long visitId, @Bind("at") Instant at);

    @SqlUpdate("""
            UPDATE medication_administration SET ended_at = :at
             WHERE visit_id = :visitId AND kind = 'infusion' AND voided_at IS NULL AND ended_at IS NULL
            """)
    int infusionEnded(@Bind("visitId") long visitId, @Bind("at") Instant at);

    /** An undone start or end takes its time back off the infusion's record. */
    @SqlUpdate("UPDATE medication_administration SET started_at = NULL WHERE visit_id = :visitId AND kind = 'infusion' AND voided_at IS NULL")
    int infusionStartUndone(@Bind("visitId") long visitId);

    @SqlUpdate("UPDATE medication_administration SET ended_at = NULL WHERE visit_id = :visitId AND kind = 'infusion' AND voided_at IS NULL")
    int infusionEndUndone(@Bind("visitId") long visitId);

    @SqlUpdate("""
            UPDATE medication_administration SET voided_at = :at, voided_by = :by, void_reason = :reason
             WHERE id = :id AND visit_id = :visitId AND voided_at IS NULL AND started_at IS NULL
            """)
    int voidMedication(@Bind("id") long id, @Bind("visitId") long visitId, @Bind("at") Instant at,
                       @Bind("by") String by, @Bind("reason") String reason);

    /** The patient's infusions at other visits, newest first: what the chair sheet shows of the course so far. */
    @SqlQuery("""
            SELECT m.*, v.visit_date, a.course_id, a.course_number, a.course_length FROM medication_administration m
              JOIN visit v ON v.id = m.visit_id JOIN appointment a ON a.id = v.appointment_id
             WHERE a.patient_id = :patientId AND m.visit_id <> :visitId AND m.kind = 'infusion' AND m.voided_at IS NULL
               AND m.started_at IS NOT NULL
             ORDER BY v.visit_date DESC, m.id DESC
            """)
    @RegisterConstructorMapper(PastInfusion.class)
    List<PastInfusion> pastInfusions(@Bind("patientId") long patientId, @Bind("visitId") long visitId);

    @SqlQuery("SELECT * FROM discharge WHERE visit_id = :visitId AND undone_at IS NULL")
    @RegisterConstructorMapper(Discharge.class)
    Optional<Discharge> discharge(@Bind("visitId") long visitId);

    @SqlUpdate("UPDATE discharge SET undone_at = :now WHERE visit_id = :visitId AND undone_at IS NULL")
    void undoDischarge(@Bind("visitId") long visitId, @Bind("now") Instant now);
}
