package clinic.kiosk.consent;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.audit.AuditLog.Event;
import clinic.kiosk.config.ClinicTime;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which consents a visit needs, signing at the tablet (the signature checked, the PDF made once and kept), paper
 * consents recorded by staff, and voiding. Signed records are never changed.
 */
public final class ConsentService {
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ClinicTime time;
    private final ConsentCatalog catalog;

    public ConsentService(Jdbi jdbi, AuditLog audit, ClinicTime time, ConsentCatalog catalog) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.time = time;
        this.catalog = catalog;
    }

    public ConsentCatalog catalog() {
        return catalog;
    }

    /** Who is signing, for which visit: what the consent rules need to know. */
    public record Signer(long patientId, long visitId, String visitType, String courseId, String firstName,
                         String lastName, String visitLabel) {}

    /** A consent the visit needs, with a note when it is asked again (a new version, expired, voided). */
    public record Due(ConsentDocument document, boolean again) {}

    public List<SignatureRow> signatures(long patientId) {
        return jdbi.withExtension(ConsentDao.class, dao -> dao.forPatient(patientId));
    }

    /** The consents this visit still needs, in the order of their files. */
    public List<Due> due(Signer signer) {
        List<SignatureRow> all = signatures(signer.patientId());
        List<Due> due = new ArrayList<>();
        for (ConsentDocument doc : catalog.forVisitType(signer.visitType())) {
            List<SignatureRow> mine = all.stream().filter(s -> s.consentId().equals(doc.id())).toList();
            if (mine.stream().noneMatch(s -> valid(doc, s, signer))) {
                due.add(new Due(doc, !mine.isEmpty()));
            }
        }
        return due;
    }

    /** Whether a signature still counts: not voided, this version, and within its re-sign rule. */
    public boolean isValid(ConsentDocument doc, SignatureRow s, Signer signer) {
        return valid(doc, s, signer);
    }

    boolean valid(ConsentDocument doc, SignatureRow s, Signer signer) {
        if (s.voided() || s.consentVersion() != doc.version()) {
            return false;
        }
        return switch (doc.resign().kind()) {
            // Per course of treatment; where the schedule sends no course ids, one signature serves until a new version.
            case "per_course" -> s.visitId() == signer.visitId() || java.util.Objects.equals(signer.courseId(), s.courseId());
            case "every_days" -> s.signedAt().isAfter(time.now().minus(Duration.ofDays(doc.resign().days())));
            default -> true;
        };
    }

    public enum Problem { AGREEMENT, NAME_MISSING, NAME_MISMATCH, SIGNATURE_MISSING, NOT_PNG, TOO_LARGE, BLANK }

    /**
     * Signs a consent at the tablet. Every check passes or nothing is stored: the agreement to sign electronically,
     * the typed name matching the patient's, a real, small, inked PNG.
     */
    public List<Problem> sign(Signer signer, ConsentDocument doc, boolean agreed, String typedName, String dataUrl,
                              Actor actor) {
        List<Problem> problems = new ArrayList<>();
        if (!agreed) {
            problems.add(Problem.AGREEMENT);
        }
        String full = signer.firstName() + " " + signer.lastName();
        if (typedName == null || typedName.isBlank()) {
            problems.add(Problem.NAME_MISSING);
        } else if (!clinic.kiosk.schedule.Names.same(typedName, full)) {
            problems.add(Problem.NAME_MISMATCH);
        }
        SignatureCheck.Result check = SignatureCheck.check(dataUrl);
        if (check.problem() != null) {
            problems.add(switch (check.problem()) {
                case MISSING -> Problem.SIGNATURE_MISSING;
                case NOT_PNG -> Problem.NOT_PNG;
                case TOO_LARGE -> Problem.TOO_LARGE;
                case BLANK -> Problem.BLANK;
            });
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        Instant now = time.now();
        byte[] pdf = ConsentPdf.render(new ConsentPdf.Contents(doc.title(), doc.version(), doc.plainText(), doc.sha256(),
                check.png(), typedName.strip(), time.dateTime(now), signer.visitLabel(), "at the kiosk", doc.meaning()));
        Long device = actor.kind() == Actor.Kind.DEVICE ? actor.id() : null;
        jdbi.useTransaction(h -> {
            long id = h.attach(ConsentDao.class).insert(doc.id(), doc.version(), doc.title(), doc.scope(), doc.meaning(),
                    doc.html(), doc.sha256(), signer.patientId(), signer.visitId(), "tablet", typedName.strip(), true,
                    check.png(), device, null, null, now, pdf, ConsentCatalog.sha256Bytes(pdf), null, null);
            audit.record(h, new Event(actor, "consent.signed", signer.patientId(), "consent " + doc.id() + " v" + doc.version() + " (record " + id + ")", null));
        });
        return problems;
    }

    /** Staff record a consent signed on paper, with themselves as witness and optionally a scan. */
    public void recordPaper(Signer signer, ConsentDocument doc, String signedOn, Actor staff, String staffName,
                            byte[] scan, String scanType, String remote) {
        Instant now = time.now();
        byte[] pdf = ConsentPdf.render(new ConsentPdf.Contents(doc.title(), doc.version(), doc.plainText(), doc.sha256(),
                null, signer.firstName() + " " + signer.lastName(), "on paper " + signedOn + ", recorded " + time.dateTime(now)
                        + ", witness " + staffName, signer.visitLabel(), "on paper", doc.meaning()));
        jdbi.useTransaction(h -> {
            long id = h.attach(ConsentDao.class).insert(doc.id(), doc.version(), doc.title(), doc.scope(), doc.meaning(),
                    doc.html(), doc.sha256(), signer.patientId(), signer.visitId(), "paper", null, false, null, null,
                    staff.id(), staffName, now, pdf, ConsentCatalog.sha256Bytes(pdf), scan, scanType);
            audit.record(h, new Event(staff, "consent.paper", signer.patientId(), "consent " + doc.id() + " v" + doc.version() + " (record " + id + ")", remote));
        });
    }

    public Optional<SignatureRow> signature(long id) {
        return jdbi.withExtension(ConsentDao.class, dao -> dao.byId(id));
    }

    /** The PDF as made at signing; downloading it is audited. */
    public Optional<byte[]> pdf(long id, Actor viewer, String remote) {
        Optional<SignatureRow> row = signature(id);
        row.ifPresent(r -> audit.record(new Event(viewer, "consent.pdf.download", r.patientId(), "consent record " + id, remote)));
        return row.flatMap(r -> jdbi.withExtension(ConsentDao.class, dao -> dao.pdf(id)));
    }

    public boolean voidSignature(long id, Actor actor, String reason, String remote) {
        Instant now = time.now();
        return jdbi.inTransaction(h -> {
            Optional<SignatureRow> row = h.attach(ConsentDao.class).byId(id);
            if (row.isEmpty() || h.attach(ConsentDao.class).voidSignature(id, actor.name(), reason, now) == 0) {
                return false;
            }
            audit.record(h, new Event(actor, "consent.voided", row.get().patientId(), "consent record " + id, remote));
            return true;
        });
    }
}
