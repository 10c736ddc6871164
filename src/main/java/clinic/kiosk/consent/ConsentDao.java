package clinic.kiosk.consent;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(SignatureRow.class)
interface ConsentDao {
    String SELECT = """
            SELECT s.id, s.consent_id, s.consent_version, s.title, s.text_sha256, s.patient_id, s.visit_id, s.method,
                   s.typed_name, s.witness_name, s.signed_at, s.pdf_sha256, s.scan_type, s.voided_at, s.voided_by,
                   s.void_reason, a.course_id
              FROM consent_signature s JOIN visit v ON v.id = s.visit_id JOIN appointment a ON a.id = v.appointment_id
            """;

    @SqlQuery(SELECT + " WHERE s.patient_id = :patientId ORDER BY s.signed_at, s.id")
    List<SignatureRow> forPatient(@Bind("patientId") long patientId);

    @SqlQuery(SELECT + " WHERE s.id = :id")
    Optional<SignatureRow> byId(@Bind("id") long id);

    @SqlUpdate("""
            INSERT INTO consent_signature (consent_id, consent_version, title, scope, meaning, text_html, text_sha256,
                   patient_id, visit_id, method, typed_name, esign_agreed, signature_png, device_id, witness_id,
                   witness_name, signed_at, pdf, pdf_sha256, scan, scan_type)
            VALUES (:consentId, :version, :title, :scope, :meaning, :html, :sha256, :patientId, :visitId, :method,
                    :typedName, :agreed, :png, :deviceId, :witnessId, :witnessName, :now, :pdf, :pdfSha256, :scan,
                    :scanType)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("consentId") String consentId, @Bind("version") int version, @Bind("title") String title,
                @Bind("scope") String scope, @Bind("meaning") String meaning, @Bind("html") String html,
                @Bind("sha256") String sha256, @Bind("patientId") long patientId, @Bind("visitId") long visitId,
                @Bind("method") String method, @Bind("typedName") String typedName, @Bind("agreed") boolean agreed,
                @Bind("png") byte[] png, @Bind("deviceId") Long deviceId, @Bind("witnessId") Long witnessId,
                @Bind("witnessName") String witnessName, @Bind("now") Instant now, @Bind("pdf") byte[] pdf,
                @Bind("pdfSha256") String pdfSha256, @Bind("scan") byte[] scan, @Bind("scanType") String scanType);

    @SqlQuery("SELECT pdf FROM consent_signature WHERE id = :id")
    Optional<byte[]> pdf(@Bind("id") long id);

    @SqlQuery("SELECT scan FROM consent_signature WHERE id = :id")
    Optional<byte[]> scan(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE consent_signature SET voided_at = :now, voided_by = :by, void_reason = :reason
             WHERE id = :id AND voided_at IS NULL
            """)
    int voidSignature(@Bind("id") long id, @Bind("by") String by, @Bind("reason") String reason, @Bind("now") Instant now);
}
