package clinic.kiosk.backup;

import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.consent.ConsentCatalog;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a restored database must show before it is used: how many rows each table holds, that the audit chain
 * verifies from the first entry to the last, and that every signed consent's text and PDF still match the SHA-256
 * recorded when it was signed.
 */
public final class RestoreCheck {
    /** The tables whose counts are reported (never their contents). */
    static final List<String> TABLES = List.of("patient", "appointment", "visit", "visit_transition", "response", "answer",
            "flag", "consent_signature", "vital_sign", "medication_administration", "discharge", "staff", "device",
            "audit_event", "export_record", "backup_run");

    public record Report(Map<String, Long> counts, long auditEntries, Optional<String> auditProblem, int signatures,
                         List<String> signatureProblems) {
        public boolean ok() {
            return auditProblem.isEmpty() && signatureProblems.isEmpty();
        }
    }

    private RestoreCheck() {
    }

    public static Report run(Jdbi jdbi, AuditLog audit) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbi.useHandle(h -> {
            for (String table : TABLES) {
                // table names are this class's constants, never input
                counts.put(table, h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
            }
        });
        AuditLog.Verification chain = audit.verify();
        List<String> problems = new ArrayList<>();
        int[] checked = {0};
        jdbi.useHandle(h -> h.createQuery("SELECT id, text_html, text_sha256, pdf, pdf_sha256 FROM consent_signature ORDER BY id")
                .map((rs, ctx) -> {
                    long id = rs.getLong("id");
                    if (!ConsentCatalog.sha256(rs.getString("text_html")).equals(rs.getString("text_sha256"))) {
                        problems.add("signature " + id + ": the text does not match its SHA-256");
                    }
                    byte[] pdf = rs.getBytes("pdf");
                    String pdfHash = rs.getString("pdf_sha256");
                    if (pdf != null && (pdfHash == null || !ConsentCatalog.sha256Bytes(pdf).equals(pdfHash))) {
                        problems.add("signature " + id + ": the PDF does not match its SHA-256");
                    }
                    checked[0]++;
                    return id;
                }).list());
        return new Report(counts, chain.checked(), chain.problem(), checked[0], problems);
    }
}
