package clinic.kiosk.export;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import clinic.kiosk.queue.VisitState;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The export's read model over the day's appointments and everything recorded about each visit, and its own
 * bookkeeping (runs, what was sent, days). Rows come in a fixed order, so the same data always exports the same.
 */
interface ExportDao {
    // The day

    record Appointment(long appointmentId, String appointmentExternalId, Instant startsAt, String visitType,
                       Integer durationMinutes, String appointmentStatus, String courseId, Integer courseNumber,
                       Integer courseLength, long patientId, String patientExternalId, String firstName,
                       String lastName, LocalDate dateOfBirth, String patientPhone, boolean walkIn, Long visitId,
                       Integer ticketNumber, VisitState state, String phone, String escortName, String escortPlan,
                       String escortReturnsAt, Instant arrivedAt, Instant readyAt, String holdReason, String ivNote) {}

    String APPOINTMENTS = """
            SELECT a.id AS appointment_id, a.external_id AS appointment_external_id, a.starts_at, a.visit_type,
                   a.duration_minutes, a.status AS appointment_status, a.course_id, a.course_number, a.course_length,
                   p.id AS patient_id, p.external_id AS patient_external_id, p.first_name, p.last_name, p.date_of_birth,
                   p.phone AS patient_phone, p.walk_in, v.id AS visit_id, v.ticket_number, v.state, v.phone,
                   v.escort_name, v.escort_plan, v.escort_returns_at, v.arrived_at, v.ready_at, v.hold_reason, v.iv_note
              FROM appointment a JOIN patient p ON p.id = a.patient_id LEFT JOIN visit v ON v.appointment_id = a.id
            """;

    /** The business day's appointments (from local midnight to local midnight, as instants), in a fixed order. */
    @SqlQuery(APPOINTMENTS + " WHERE a.starts_at >= :from AND a.starts_at < :to ORDER BY a.starts_at, a.id")
    @RegisterConstructorMapper(Appointment.class)
    Stream<Appointment> day(@Bind("from") Instant from, @Bind("to") Instant to);

    @SqlQuery("SELECT MIN(starts_at) FROM appointment")
    Optional<Instant> firstAppointment();

    // A visit's record

    record Transition(long id, VisitState fromState, VisitState toState, Instant at, String actorKind, String actorName,
                      String reason, Long undoOf) {}

    @SqlQuery("SELECT id, from_state, to_state, at, actor_kind, actor_name, reason, undo_of FROM visit_transition WHERE visit_id = :v ORDER BY id")
    @RegisterConstructorMapper(Transition.class)
    List<Transition> transitions(@Bind("v") long visitId);

    record PlaceUse(String placeId, Instant startedAt, Instant endedAt) {}

    @SqlQuery("SELECT place_id, started_at, ended_at FROM visit_place WHERE visit_id = :v ORDER BY id")
    @RegisterConstructorMapper(PlaceUse.class)
    List<PlaceUse> places(@Bind("v") long visitId);

    /**
     * A response as exported: finished or not (an unfinished one goes out as unfinished, never as a low score).
     * {@code authoredAt}: when it was completed, or else when its last answer was given.
     */
    record Response(long id, String formId, String formVersion, String status, Integer total, String band,
                    String riskLevel, String language, Instant authoredAt, Instant completedAt, Instant voidedAt,
                    String voidReason) {
        boolean voided() {
            return status.equals("voided");
        }
    }

    @SqlQuery("""
            SELECT r.id, r.form_id, r.form_version, r.status, r.total, r.band, r.risk_level, r.language,
                   COALESCE(r.completed_at, (SELECT MAX(a.answered_at) FROM answer a WHERE a.response_id = r.id), r.started_at) AS authored_at,
                   r.completed_at, r.voided_at, r.void_reason
              FROM response r WHERE r.visit_id = :v ORDER BY r.started_at, r.id
            """)
    @RegisterConstructorMapper(Response.class)
    List<Response> responses(@Bind("v") long visitId);

    record Answer(String linkId, String valueSystem, String valueCode, String valueDisplay, Boolean valueBoolean,
                  BigDecimal valueNumber, String valueText, LocalDate valueDate, java.time.LocalDateTime valueDatetime) {}

    @SqlQuery("""
            SELECT link_id, value_system, value_code, value_display, value_boolean, value_number, value_text,
                   value_date, value_datetime
              FROM answer WHERE response_id = :r AND superseded_at IS NULL ORDER BY id
            """)
    @RegisterConstructorMapper(Answer.class)
    List<Answer> answers(@Bind("r") long responseId);

    /** {@code sedation}: RASS; {@code dissociation}: 0 to 4; both and the respiratory rate null in older readings. */
    record Vital(long id, Instant takenAt, String phase, int systolic, int diastolic, int heartRate, int spo2,
                 Integer respiratoryRate, Integer sedation, Integer dissociation, BigDecimal weightKg, String staffName) {}

    @SqlQuery("""
            SELECT id, taken_at, phase, systolic, diastolic, heart_rate, spo2, respiratory_rate, sedation, dissociation,
                   weight_kg, staff_name
              FROM vital_sign WHERE visit_id = :v ORDER BY taken_at, id
            """)
    @RegisterConstructorMapper(Vital.class)
    List<Vital> vitals(@Bind("v") long visitId);

    record ChairEvent(long id, Instant at, String kind, String note, String staffName) {}

    @SqlQuery("SELECT id, at, kind, note, staff_name FROM chair_event WHERE visit_id = :v ORDER BY at, id")
    @RegisterConstructorMapper(ChairEvent.class)
    List<ChairEvent> events(@Bind("v") long visitId);

    record Flag(long id, String code, String tier, String status, String clinicianMessage, Instant raisedAt,
                Instant updatedAt) {}

    @SqlQuery("SELECT id, code, tier, status, clinician_message, raised_at, updated_at FROM flag WHERE visit_id = :v ORDER BY raised_at, id")
    @RegisterConstructorMapper(Flag.class)
    List<Flag> flags(@Bind("v") long visitId);

    record FlagEvent(long id, String event, Instant at, String actorKind, String actorName, String reason) {}

    @SqlQuery("SELECT id, event, at, actor_kind, actor_name, reason FROM flag_event WHERE flag_id = :f ORDER BY at, id")
    @RegisterConstructorMapper(FlagEvent.class)
    List<FlagEvent> flagEvents(@Bind("f") long flagId);

    record Consent(long id, String consentId, int consentVersion, String title, String scope, String meaning, String textSha256,
                   String method, String typedName, String witnessName, Instant signedAt, String pdfSha256,
                   Long pdfBytes, Instant voidedAt, String voidReason) {}

    @SqlQuery("""
            SELECT id, consent_id, consent_version, title, scope, meaning, text_sha256, method, typed_name, witness_name,
                   signed_at, pdf_sha256, OCTET_LENGTH(pdf) AS pdf_bytes, voided_at, void_reason
              FROM consent_signature WHERE visit_id = :v ORDER BY signed_at, id
            """)
    @RegisterConstructorMapper(Consent.class)
    List<Consent> consents(@Bind("v") long visitId);

    @SqlQuery("SELECT pdf FROM consent_signature WHERE id = :id")
    Optional<byte[]> pdf(@Bind("id") long signatureId);

    /**
     * {@code criteria}: each criterion as it stood ("observation met (...); vitals met (...); ..."), null before
     * discharge by criteria; {@code overrideReason} and {@code overrideBy}: a clinician discharged with some missing.
     */
    record Discharge(long id, Instant at, boolean vitalsOk, boolean walkingSteadily, boolean nauseaControlled,
                     boolean oriented, boolean instructionsGiven, String escortName, boolean escortAsGiven,
                     String criteria, String overrideReason, String overrideBy, String staffName) {}

    @SqlQuery("""
            SELECT id, at, vitals_ok, walking_steadily, nausea_controlled, oriented, instructions_given, escort_name,
                   escort_as_given, criteria, override_reason, override_by, staff_name
              FROM discharge WHERE visit_id = :v AND undone_at IS NULL
            """)
    @RegisterConstructorMapper(Discharge.class)
    Optional<Discharge> discharge(@Bind("v") long visitId);

    /** A medication given (or recorded and voided): what, how much, the lot, who prepared and gave it, when. */
    record Medication(long id, String name, String codeSystem, String code, String kind, BigDecimal doseMgPerKg,
                      BigDecimal weightKg, BigDecimal doseMg, String route, Integer overMinutes, String lot,
                      String preparedBy, String givenBy, Instant recordedAt, Instant startedAt, Instant endedAt,
                      Instant voidedAt, String voidedBy, String voidReason) {}

    @SqlQuery("""
            SELECT id, name, code_system, code, kind, dose_mg_per_kg, weight_kg, dose_mg, route, over_minutes, lot,
                   prepared_by, given_by, recorded_at, started_at, ended_at, voided_at, voided_by, void_reason
              FROM medication_administration WHERE visit_id = :v ORDER BY recorded_at, id
            """)
    @RegisterConstructorMapper(Medication.class)
    List<Medication> medications(@Bind("v") long visitId);

    // Bookkeeping

    record Sent(long appointmentId, int version, String fingerprint) {}

    @SqlQuery("SELECT appointment_id, version, fingerprint FROM export_record WHERE appointment_id = :a")
    @RegisterConstructorMapper(Sent.class)
    Optional<Sent> sent(@Bind("a") long appointmentId);

    /** What was sent of an appointment: an update of its row, or the first row (portable SQL, no MERGE). */
    @SqlUpdate("""
            UPDATE export_record SET business_date = :date, version = :version, fingerprint = :fingerprint, exported_at = :at
             WHERE appointment_id = :a
            """)
    int updateSent(@Bind("a") long appointmentId, @Bind("date") LocalDate date, @Bind("version") int version,
                   @Bind("fingerprint") String fingerprint, @Bind("at") Instant at);

    @SqlUpdate("""
            INSERT INTO export_record (appointment_id, business_date, version, fingerprint, exported_at)
            VALUES (:a, :date, :version, :fingerprint, :at)
            """)
    void insertSent(@Bind("a") long appointmentId, @Bind("date") LocalDate date, @Bind("version") int version,
                    @Bind("fingerprint") String fingerprint, @Bind("at") Instant at);

    record Run(long id, LocalDate businessDate, String kind, Integer amendment, Instant startedAt, Instant finishedAt,
               String status, String reason, String folder, Integer records, String requestedBy) {}

    @SqlUpdate("""
            INSERT INTO export_run (business_date, kind, amendment, started_at, status, requested_by)
            VALUES (:date, :kind, :amendment, :at, 'running', :by)
            """)
    @org.jdbi.v3.sqlobject.statement.GetGeneratedKeys("id")
    long startRun(@Bind("date") LocalDate date, @Bind("kind") String kind, @Bind("amendment") Integer amendment,
                  @Bind("at") Instant at, @Bind("by") String requestedBy);

    @SqlUpdate("UPDATE export_run SET status = :status, finished_at = :at, reason = :reason, folder = :folder, records = :records WHERE id = :id")
    void finishRun(@Bind("id") long id, @Bind("status") String status, @Bind("at") Instant at, @Bind("reason") String reason,
                   @Bind("folder") String folder, @Bind("records") Integer records);

    @SqlQuery("SELECT * FROM export_run ORDER BY id DESC LIMIT :n")
    @RegisterConstructorMapper(Run.class)
    List<Run> recentRuns(@Bind("n") int n);

    /** The newest attempt of each kind for a date: failed ones that have not been followed by a success. */
    @SqlQuery("""
            SELECT r.* FROM export_run r
             WHERE r.status = 'failed'
               AND NOT EXISTS (SELECT 1 FROM export_run s WHERE s.business_date = r.business_date AND s.kind = r.kind
                                 AND s.status = 'ok' AND s.id > r.id)
               AND r.id = (SELECT MAX(x.id) FROM export_run x WHERE x.business_date = r.business_date AND x.kind = r.kind)
             ORDER BY r.business_date, r.id
            """)
    @RegisterConstructorMapper(Run.class)
    List<Run> unresolvedFailures();

    @SqlUpdate("UPDATE export_run SET status = 'failed', finished_at = :at, reason = 'interrupted (the server stopped during the export)' WHERE status = 'running'")
    int interrupted(@Bind("at") Instant at);

    record Day(LocalDate businessDate, Instant exportedAt, int amendments, Instant collectedAt, Instant purgedAt) {}

    @SqlQuery("SELECT * FROM export_day WHERE business_date = :d")
    @RegisterConstructorMapper(Day.class)
    Optional<Day> day(@Bind("d") LocalDate date);

    @SqlQuery("SELECT * FROM export_day ORDER BY business_date")
    @RegisterConstructorMapper(Day.class)
    List<Day> days();

    @SqlQuery("SELECT MAX(business_date) FROM export_day")
    Optional<LocalDate> lastExportedDay();

    @SqlUpdate("INSERT INTO export_day (business_date, exported_at) VALUES (:d, :at)")
    void dayExported(@Bind("d") LocalDate date, @Bind("at") Instant at);

    @SqlUpdate("UPDATE export_day SET amendments = :n WHERE business_date = :d")
    void amendments(@Bind("d") LocalDate date, @Bind("n") int amendments);

    @SqlUpdate("UPDATE export_day SET collected_at = :at WHERE business_date = :d AND collected_at IS NULL")
    void collected(@Bind("d") LocalDate date, @Bind("at") Instant at);

    @SqlUpdate("UPDATE export_day SET purged_at = :at WHERE business_date = :d")
    void purged(@Bind("d") LocalDate date, @Bind("at") Instant at);
}
