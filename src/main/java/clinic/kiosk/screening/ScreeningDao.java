package clinic.kiosk.screening;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

interface ScreeningDao {
    // Responses

    @SqlQuery("SELECT * FROM response WHERE visit_id = :visitId AND form_id = :formId AND status <> 'voided' ORDER BY attempt DESC LIMIT 1")
    @RegisterConstructorMapper(ResponseRow.class)
    Optional<ResponseRow> active(@Bind("visitId") long visitId, @Bind("formId") String formId);

    @SqlQuery("SELECT * FROM response WHERE visit_id = :visitId ORDER BY form_id, attempt")
    @RegisterConstructorMapper(ResponseRow.class)
    List<ResponseRow> responses(@Bind("visitId") long visitId);

    @SqlQuery("SELECT * FROM response WHERE id = :id")
    @RegisterConstructorMapper(ResponseRow.class)
    Optional<ResponseRow> response(@Bind("id") long id);

    @SqlQuery("SELECT COALESCE(MAX(attempt), 0) FROM response WHERE visit_id = :visitId AND form_id = :formId")
    int lastAttempt(@Bind("visitId") long visitId, @Bind("formId") String formId);

    @SqlUpdate("""
            INSERT INTO response (visit_id, form_id, form_version, attempt, status, language, started_at)
            VALUES (:visitId, :formId, :version, :attempt, 'in-progress', :language, :now)
            """)
    @GetGeneratedKeys("id")
    long insertResponse(@Bind("visitId") long visitId, @Bind("formId") String formId, @Bind("version") String version,
                        @Bind("attempt") int attempt, @Bind("language") String language, @Bind("now") Instant now);

    /** The total, once every scored question is answered: kept while the response is still in progress. */
    @SqlUpdate("UPDATE response SET total = :total, band = :band WHERE id = :id AND status = 'in-progress'")
    int score(@Bind("id") long id, @Bind("total") Integer total, @Bind("band") String band);

    @SqlUpdate("""
            UPDATE response SET status = 'completed', completed_at = :now, risk_level = :risk
             WHERE id = :id AND status = 'in-progress'
            """)
    int complete(@Bind("id") long id, @Bind("risk") String riskLevel, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE response SET status = 'voided', voided_at = :now, voided_by = :by, void_reason = :reason
             WHERE id = :id AND status <> 'voided'
            """)
    int voidResponse(@Bind("id") long id, @Bind("by") String by, @Bind("reason") String reason, @Bind("now") Instant now);

    // Answers

    @SqlQuery("SELECT * FROM answer WHERE response_id = :responseId AND superseded_at IS NULL ORDER BY id")
    @RegisterConstructorMapper(AnswerRow.class)
    List<AnswerRow> current(@Bind("responseId") long responseId);

    @SqlUpdate("UPDATE answer SET superseded_at = :now WHERE response_id = :responseId AND link_id = :linkId AND superseded_at IS NULL")
    void supersede(@Bind("responseId") long responseId, @Bind("linkId") String linkId, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO answer (response_id, link_id, value_system, value_code, value_display, value_boolean, value_number,
                                value_text, value_date, value_datetime, answered_at)
            VALUES (:responseId, :linkId, :system, :code, :display, :bool, :number, :text, :date, :dateTime, :now)
            """)
    void insertAnswer(@Bind("responseId") long responseId, @Bind("linkId") String linkId, @Bind("system") String system,
                      @Bind("code") String code, @Bind("display") String display, @Bind("bool") Boolean bool,
                      @Bind("number") BigDecimal number, @Bind("text") String text, @Bind("date") LocalDate date,
                      @Bind("dateTime") LocalDateTime dateTime, @Bind("now") Instant now);

    record VisitAnswer(String formId, String linkId, String valueSystem, String valueCode, String valueDisplay,
                       Boolean valueBoolean, BigDecimal valueNumber, String valueText, LocalDate valueDate,
                       LocalDateTime valueDatetime, Instant answeredAt, Instant supersededAt) {}

    /** Every answer of the visit's responses, replaced ones included, in the order given. */
    @SqlQuery("""
            SELECT r.form_id, a.link_id, a.value_system, a.value_code, a.value_display, a.value_boolean, a.value_number,
                   a.value_text, a.value_date, a.value_datetime, a.answered_at, a.superseded_at
              FROM answer a JOIN response r ON r.id = a.response_id
             WHERE r.visit_id = :visitId ORDER BY a.id
            """)
    @RegisterConstructorMapper(VisitAnswer.class)
    List<VisitAnswer> answerHistory(@Bind("visitId") long visitId);

    // History for frequencies, rules and the trend

    @SqlQuery("""
            SELECT r.id AS response_id, r.visit_id, r.form_id, r.total, r.band, r.completed_at, a.course_id,
                   a.course_number, a.course_length, v.visit_date
              FROM response r JOIN visit v ON v.id = r.visit_id JOIN appointment a ON a.id = v.appointment_id
             WHERE a.patient_id = :patientId AND r.form_id = :formId AND r.status = 'completed'
             ORDER BY r.completed_at
            """)
    @RegisterConstructorMapper(PastResponse.class)
    List<PastResponse> completedFor(@Bind("patientId") long patientId, @Bind("formId") String formId);

    /** The patient's scored responses to a form (finished or not, never voided), oldest first: the trend. */
    @SqlQuery("""
            SELECT r.id AS response_id, r.visit_id, r.form_id, r.total, r.band, r.completed_at, a.course_id,
                   a.course_number, a.course_length, v.visit_date
              FROM response r JOIN visit v ON v.id = r.visit_id JOIN appointment a ON a.id = v.appointment_id
             WHERE a.patient_id = :patientId AND r.form_id = :formId AND r.status <> 'voided' AND r.total IS NOT NULL
             ORDER BY v.visit_date, r.id
            """)
    @RegisterConstructorMapper(PastResponse.class)
    List<PastResponse> scoredFor(@Bind("patientId") long patientId, @Bind("formId") String formId);

    /** A scored response of one of several patients: the board's course lines in one query. */
    record PatientScore(long patientId, long responseId, long visitId, String formId, Integer total, String band,
                        java.time.Instant completedAt, String courseId, Integer courseNumber, Integer courseLength,
                        java.time.LocalDate visitDate) {
        PastResponse past() {
            return new PastResponse(responseId, visitId, formId, total, band, completedAt, courseId, courseNumber,
                    courseLength, visitDate);
        }
    }

    @SqlQuery("""
            SELECT a.patient_id, r.id AS response_id, r.visit_id, r.form_id, r.total, r.band, r.completed_at, a.course_id,
                   a.course_number, a.course_length, v.visit_date
              FROM response r JOIN visit v ON v.id = r.visit_id JOIN appointment a ON a.id = v.appointment_id
             WHERE a.patient_id IN (<patients>) AND r.form_id = :formId AND r.status <> 'voided' AND r.total IS NOT NULL
             ORDER BY a.patient_id, v.visit_date, r.id
            """)
    @RegisterConstructorMapper(PatientScore.class)
    List<PatientScore> scoredForPatients(@BindList("patients") java.util.Collection<Long> patients, @Bind("formId") String formId);

    /** When the patient's last infusion ended (its end not undone), on another visit. */
    @SqlQuery("""
            SELECT MAX(t.at) FROM visit_transition t JOIN visit v ON v.id = t.visit_id
              JOIN appointment a ON a.id = v.appointment_id
             WHERE a.patient_id = :patientId AND v.id <> :visitId
               AND t.from_state = 'INFUSING' AND t.to_state = 'RECOVERING'
               AND NOT EXISTS (SELECT 1 FROM visit_transition u WHERE u.undo_of = t.id)
            """)
    Optional<Instant> lastInfusionEnd(@Bind("patientId") long patientId, @Bind("visitId") long visitId);

    // Flags

    @SqlQuery("SELECT * FROM flag WHERE visit_id = :visitId ORDER BY raised_at, id")
    @RegisterConstructorMapper(FlagRow.class)
    List<FlagRow> flags(@Bind("visitId") long visitId);

    @SqlQuery("SELECT * FROM flag WHERE visit_id IN (<visits>) AND status IN ('open', 'acknowledged', 'changed') ORDER BY raised_at, id")
    @RegisterConstructorMapper(FlagRow.class)
    List<FlagRow> liveFlags(@BindList("visits") List<Long> visits);

    @SqlQuery("SELECT * FROM flag WHERE id = :id")
    @RegisterConstructorMapper(FlagRow.class)
    Optional<FlagRow> flag(@Bind("id") long id);

    @SqlUpdate("""
            INSERT INTO flag (visit_id, code, tier, status, clinician_message, desk_message, support, raised_at, updated_at)
            VALUES (:visitId, :code, :tier, 'open', :clinician, :desk, :support, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insertFlag(@Bind("visitId") long visitId, @Bind("code") String code, @Bind("tier") String tier,
                    @Bind("clinician") String clinician, @Bind("desk") String desk, @Bind("support") boolean support,
                    @Bind("now") Instant now);

    /** The answers behind a flag changed while it still holds: what the clinician reads now. */
    @SqlUpdate("UPDATE flag SET clinician_message = :message, updated_at = :now WHERE id = :id")
    void message(@Bind("id") long id, @Bind("message") String message, @Bind("now") Instant now);

    /** Moves a flag only from the status the caller saw: two clinicians at once cannot both clear it. */
    @SqlUpdate("UPDATE flag SET status = :to, updated_at = :now WHERE id = :id AND status = :from")
    int moveFlag(@Bind("id") long id, @Bind("from") String from, @Bind("to") String to, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO flag_event (flag_id, event, at, actor_kind, actor_id, actor_name, reason)
            VALUES (:flagId, :event, :at, :actorKind, :actorId, :actorName, :reason)
            """)
    void event(@Bind("flagId") long flagId, @Bind("event") String event, @Bind("at") Instant at,
               @Bind("actorKind") String actorKind, @Bind("actorId") Long actorId, @Bind("actorName") String actorName,
               @Bind("reason") String reason);

    @SqlQuery("""
            SELECT e.flag_id, e.event, e.at, e.actor_name, e.reason FROM flag_event e JOIN flag f ON f.id = e.flag_id
             WHERE f.visit_id = :visitId ORDER BY e.id
            """)
    @RegisterConstructorMapper(FlagEvent.class)
    List<FlagEvent> events(@Bind("visitId") long visitId);
}
