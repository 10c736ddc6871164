package clinic.kiosk.screening;

import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.consent.ConsentService;
import clinic.kiosk.consent.SignatureRow;
import clinic.kiosk.queue.Visit;
import clinic.kiosk.db.Transactions;
import clinic.kiosk.queue.Readiness;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.queue.VisitState;
import clinic.kiosk.schedule.Booking;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.screening.Questionnaire.Item;
import clinic.kiosk.staff.Role;
import clinic.kiosk.staff.StaffAccess;
import clinic.kiosk.staff.StaffAccount;
import clinic.kiosk.web.Form;
import clinic.kiosk.web.Messages;
import clinic.kiosk.web.Pages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The visit page (answers, totals and bands, flags and their history with the answers behind them, the PHQ-9 trend)
 * and the clinician's decisions: clear a block flag, acknowledge an alert, void a response or a consent, record a
 * paper consent. Only clinical roles (nurse, clinician) see answers; a nurse decides on the flags kiosk.yaml lets a
 * nurse clear, a clinician on all. Each decision is one transaction that ends with {@link Readiness}.
 */
public final class ScreeningController {


    private final ScreeningService screening;
    private final VisitService visits;
    private final ScheduleService schedule;
    private final AuditLog audit;
    private final ClinicTime time;
    private final Messages messages;
    private final KioskConfig config;
    private final ConsentService consents;
    private final Readiness readiness;
    private final Transactions transactions;

    public ScreeningController(ScreeningService screening, VisitService visits, ScheduleService schedule, AuditLog audit,
                               ClinicTime time, Messages messages, KioskConfig config, ConsentService consents,
                               Readiness readiness, Transactions transactions) {
        this.consents = consents;
        this.readiness = readiness;
        this.transactions = transactions;
        this.screening = screening;
        this.visits = visits;
        this.schedule = schedule;
        this.audit = audit;
        this.time = time;
        this.messages = messages;
        this.config = config;
    }

    public void routes(JavalinConfig c) {
        c.routes.get("/desk/visits/{id}", this::page, Role.ANY);
        c.routes.post("/desk/flags/{id}/{decision}", this::decide, Role.CLINICAL);
        c.routes.post("/desk/responses/{id}/void", this::voidResponse, Role.CLINICAL);
        c.routes.get("/desk/consents/{id}/pdf", this::consentPdf, Role.ANY);
        c.routes.post("/desk/consents/{id}/void", this::voidConsent, Role.CLINICAL);
        c.routes.post("/desk/consents/paper", this::paperConsent, Role.ANY);
    }

    /** A nurse or a clinician: sees the answers. An admin account is not a clinical role. */
    private static boolean clinical(Context ctx) {
        StaffAccount account = StaffAccess.account(ctx);
        return account != null && account.roleEnum().clinical();
    }

    private static String role(Context ctx) {
        StaffAccount account = StaffAccess.account(ctx);
        return account == null ? "" : account.role();
    }

    public record AnswerLine(String question, String answer) {}

    /** {@code riskLevel}: the C-SSRS risk level, for a completed risk screener. */
    public record FormBlock(long responseId, String title, String status, Integer total, String band, String riskLevel,
                            String voided, List<AnswerLine> answers) {}

    /** One answer behind a flag: what was answered, when, and when it was replaced (or that it is the current one). */
    public record GivenAnswer(String question, String answer, String at, String replaced) {}

    /**
     * {@code clinicianNeeded}: the flag is pending but this viewer's role may not decide it (a nurse and a flag kiosk.yaml
     * keeps for a clinician). {@code answers}: the answers behind it, shown once any changed.
     */
    public record FlagLine(long id, String tier, String status, String message, String raised, boolean escalated,
                           boolean canClear, boolean canAcknowledge, boolean clinicianNeeded, List<String> history,
                           List<GivenAnswer> answers) {}

    public record TrendPoint(String date, Integer total, String band, String course) {}

    public record ConsentLine(long id, String title, int version, String status, String method, String signedAt,
                              String by, String voided) {}

    public record MissingConsent(String id, String title, int version) {}

    public record VisitPage(long visitId, String name, String ticket, VisitState state, String visitType, String phone,
                            String escort, boolean clinical, List<FlagLine> flags, List<FormBlock> forms,
                            List<TrendPoint> trend, String response, TreatmentResponse.Chart chart,
                            List<ConsentLine> consents, List<MissingConsent> missing, String today, String notice) {}

    private void page(Context ctx) {
        Optional<Visit> visit = visit(ctx);
        if (visit.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        Visit v = visit.get();
        Booking b = schedule.booking(v.appointmentId()).orElseThrow();
        boolean clinical = clinical(ctx);
        audit.record(new AuditLog.Event(Pages.actor(ctx), "visit.view", b.patientId(),
                "visit " + v.id() + (clinical ? " with answers" : " (desk view)"), Pages.remote(ctx)));
        Map<Long, List<FlagEvent>> events = screening.events(v.id()).stream().collect(Collectors.groupingBy(FlagEvent::flagId));
        List<AnswerHistory> given = clinical ? screening.answerHistory(v.id()) : List.of();
        List<FlagLine> flags = new ArrayList<>();
        for (FlagRow f : screening.flags(v.id())) {
            if (!clinical && (!f.live() || f.tier().equals("info"))) {
                continue;
            }
            List<String> history = clinical ? events.getOrDefault(f.id(), List.of()).stream()
                    .map(e -> time.dateTime(e.at()) + ": " + e.event().replace('_', ' ') + " by " + e.actorName() + (e.reason() == null ? "" : " (" + e.reason() + ")"))
                    .toList() : List.of();
            boolean decides = clinical && screening.mayDecide(f, role(ctx));
            flags.add(new FlagLine(f.id(), f.tier(), f.status(), clinical ? f.clinicianMessage() : f.deskMessage(),
                    time.dateTime(f.raisedAt()), screening.escalated(f),
                    decides && f.pending() && f.tier().equals("block"),
                    decides && f.pending() && f.tier().equals("alert"),
                    clinical && f.pending() && !decides, history, clinical ? answersBehind(f, given) : List.of()));
        }
        List<FormBlock> forms = new ArrayList<>();
        List<TrendPoint> trend = new ArrayList<>();
        if (clinical) {
            for (ResponseRow r : screening.responses(v.id())) {
                Answers answers = screening.answersOf(r);
                List<AnswerLine> lines = new ArrayList<>();
                for (Item item : answers.form().all()) {
                    if (item.answerable() && !answers.of(item.linkId()).isEmpty()) {
                        lines.add(new AnswerLine(item.text(), answers.of(item.linkId()).stream().map(Value::shown)
                                .collect(Collectors.joining("; "))));
                    }
                }
                forms.add(new FormBlock(r.id(), answers.form().title(), r.status(), r.total(), r.band(), r.riskLevel(),
                        r.voidedAt() == null ? null : time.dateTime(r.voidedAt()) + " by " + r.voidedBy() + ": " + r.voidReason(),
                        lines));
            }
            if (config.forms().containsKey(ScreeningService.TREND_FORM)) {
                for (PastResponse p : screening.trend(b.patientId(), ScreeningService.TREND_FORM)) {
                    trend.add(new TrendPoint(p.visitDate().toString(), p.total(), p.band(),
                            p.courseNumber() == null ? "" : p.courseNumber() + (p.courseLength() == null ? "" : " of " + p.courseLength())));
                }
            }
        }
        Optional<TreatmentResponse> response = clinical ? screening.treatmentResponse(b.patientId(), b.courseId())
                : Optional.empty();
        ConsentService.Signer signer = signer(v, b);
        List<ConsentLine> consentLines = new ArrayList<>();
        for (SignatureRow sig : consents.signatures(b.patientId())) {
            String status = sig.voided() ? "voided" : sig.visitId() == v.id() ? "signed"
                    : consents.catalog().document(sig.consentId()).map(d -> consents.isValid(d, sig, signer)).orElse(false)
                    ? "valid" : "expired";
            consentLines.add(new ConsentLine(sig.id(), sig.title(), sig.consentVersion(), status, sig.method(),
                    time.dateTime(sig.signedAt()), sig.method().equals("paper") ? sig.witnessName() : sig.typedName(),
                    sig.voided() ? time.dateTime(sig.voidedAt()) + " by " + sig.voidedBy() + ": " + sig.voidReason() : null));
        }
        List<MissingConsent> missing = consents.due(signer).stream()
                .map(d -> new MissingConsent(d.document().id(), d.document().title(), d.document().version())).toList();
        String escort = v.escortPlan() == null ? null : v.noEscort() ? "none" : v.escortName();
        String notice = Optional.ofNullable(ctx.queryParam("notice")).filter(n -> List.of("cleared", "acknowledged", "voided", "changed", "consent_voided", "paper").contains(n))
                .map(n -> "visit.notice." + n).orElse(null);
        Pages.render(ctx, "screening/visit", new VisitPage(v.id(), b.lastName() + ", " + b.firstName(), v.ticket(),
                v.state(), config.visitType(b.visitType()).map(KioskConfig.VisitType::label).orElse(b.visitType()),
                clinical ? v.phone() : null, escort, clinical, flags, forms, trend,
                response.map(TreatmentResponse::line).orElse(null), response.map(TreatmentResponse::chart).orElse(null),
                consentLines, missing,
                time.today().toString(), notice));
    }

    /**
     * The answers a flag's rule looks at (and the questions that decide whether they are asked), once any of them
     * was changed: each answer with the time it was given and the time it was replaced, so a clinician sees what
     * the patient said first and what they said after.
     */
    private List<GivenAnswer> answersBehind(FlagRow flag, List<AnswerHistory> given) {
        List<String> questions = screening.questionsOf(flag);
        List<AnswerHistory> mine = given.stream().filter(a -> questions.contains(a.formId() + "/" + a.linkId())).toList();
        if (!flag.changed() && mine.stream().noneMatch(a -> a.replacedAt() != null)) {
            return List.of();
        }
        return mine.stream().map(a -> new GivenAnswer(a.question(), a.answer().isEmpty() ? "(left empty)" : a.answer(),
                time.dateTime(a.answeredAt()), a.replacedAt() == null ? null : time.dateTime(a.replacedAt()))).toList();
    }

    private Optional<Visit> visit(Context ctx) {
        try {
            return visits.byId(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void decide(Context ctx) {
        String decision = ctx.pathParam("decision");
        Optional<FlagRow> flag;
        try {
            flag = screening.flag(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            flag = Optional.empty();
        }
        if (flag.isEmpty() || !List.of("clear", "acknowledge").contains(decision)) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        long visitId = flag.get().visitId();
        if (!screening.mayDecide(flag.get(), role(ctx))) {
            // A nurse and a flag kiosk.yaml keeps for a clinician (prescriber).
            ctx.status(HttpStatus.FORBIDDEN);
            Pages.render(ctx, "errors/forbidden", new StaffAccess.Forbidden(role(ctx)));
            return;
        }
        Form form = new Form(ctx, messages);
        String reason = form.required("reason", "flag.reason", 300, "flag.error.reason");
        if (!form.valid()) {
            ctx.redirect("/desk/visits/" + visitId + "?notice=changed&reason=missing", HttpStatus.SEE_OTHER);
            return;
        }
        long flagId = flag.get().id();
        boolean done = transactions.inOne(() -> {
            boolean decided = screening.decide(flagId, decision.equals("clear"), Pages.actor(ctx), reason);
            if (decided) {
                readiness.settle(visitId, Pages.actor(ctx));
            }
            return decided;
        });
        ctx.redirect("/desk/visits/" + visitId + "?notice=" + (done ? (decision.equals("clear") ? "cleared" : "acknowledged") : "changed"),
                HttpStatus.SEE_OTHER);
    }

    private void voidResponse(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        Form form = new Form(ctx, messages);
        String reason = form.required("reason", "flag.reason", 300, "flag.error.reason");
        Optional<Long> visitId = screening.responseVisit(id);
        if (visitId.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        if (!form.valid()) {
            ctx.redirect("/desk/visits/" + visitId.get() + "?notice=changed", HttpStatus.SEE_OTHER);
            return;
        }
        boolean done = transactions.inOne(() -> {
            if (!screening.voidResponse(id, Pages.actor(ctx), reason)) {
                return false;
            }
            // The form is asked again: its flags are evaluated without it, and the visit waits for it again.
            Visit v = visits.byId(visitId.get()).orElseThrow();
            Booking b = schedule.booking(v.appointmentId()).orElseThrow();
            screening.evaluate(v.id(), b.patientId(), v.noEscort(), Pages.actor(ctx), ScreeningService.Cause.VOID);
            readiness.settle(v.id(), Pages.actor(ctx));
            return true;
        });
        ctx.redirect("/desk/visits/" + visitId.get() + "?notice=" + (done ? "voided" : "changed"), HttpStatus.SEE_OTHER);
    }

    static ConsentService.Signer signer(Visit v, Booking b) {
        String label = (v.ticket() == null ? "visit " + v.id() : "ticket " + v.ticket()) + " on " + v.visitDate();
        return new ConsentService.Signer(b.patientId(), v.id(), b.visitType(), b.courseId(), b.firstName(), b.lastName(), label);
    }

    private long longParam(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void consentPdf(Context ctx) {
        Optional<byte[]> pdf = consents.pdf(longParam(ctx, "id"), Pages.actor(ctx), Pages.remote(ctx));
        if (pdf.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        ctx.contentType("application/pdf");
        ctx.header("Content-Disposition", "inline; filename=\"consent-" + longParam(ctx, "id") + ".pdf\"");
        ctx.result(pdf.get());
    }

    private void voidConsent(Context ctx) {
        long id = longParam(ctx, "id");
        Optional<SignatureRow> sig = consents.signature(id);
        if (sig.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        Form form = new Form(ctx, messages);
        String reason = form.required("reason", "flag.reason", 300, "flag.error.reason");
        boolean done = form.valid() && transactions.inOne(() -> {
            if (!consents.voidSignature(id, Pages.actor(ctx), reason, Pages.remote(ctx))) {
                return false;
            }
            readiness.settle(sig.get().visitId(), Pages.actor(ctx)); // the consent is asked again before a chair
            return true;
        });
        ctx.redirect("/desk/visits/" + sig.get().visitId() + "?notice=" + (done ? "consent_voided" : "changed"), HttpStatus.SEE_OTHER);
    }

    /** Staff record a consent signed on paper: it counts as signed, and says how; the visit may then become READY. */
    private void paperConsent(Context ctx) throws java.io.IOException {
        Optional<Visit> visit;
        try {
            visit = visits.byId(Long.parseLong(String.valueOf(ctx.formParam("visit"))));
        } catch (NumberFormatException e) {
            visit = Optional.empty();
        }
        if (visit.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        Visit v = visit.get();
        Booking b = schedule.booking(v.appointmentId()).orElseThrow();
        Form form = new Form(ctx, messages);
        String consentId = form.text("consent", "consent.title", 64);
        String date = form.text("signedOn", "consent.paper_date", 10);
        Optional<ConsentService.Due> due = consents.due(signer(v, b)).stream()
                .filter(d -> d.document().id().equals(consentId)).findFirst();
        if (due.isEmpty() || !date.matches("\\d{4}-\\d{2}-\\d{2}")) {
            ctx.redirect("/desk/visits/" + v.id() + "?notice=changed", HttpStatus.SEE_OTHER);
            return;
        }
        byte[] scan = null;
        String scanType = null;
        io.javalin.http.UploadedFile file = ctx.uploadedFile("scan");
        if (file != null && file.size() > 0) {
            scanType = file.contentType();
            if (scanType == null || !List.of("application/pdf", "image/png", "image/jpeg").contains(scanType)) {
                ctx.redirect("/desk/visits/" + v.id() + "?notice=changed", HttpStatus.SEE_OTHER);
                return;
            }
            try (java.io.InputStream in = file.content()) {
                scan = in.readAllBytes();
            }
        }
        StaffAccount staff = StaffAccess.account(ctx);
        byte[] scanned = scan;
        String scannedType = scanType;
        transactions.inOne(() -> {
            consents.recordPaper(signer(v, b), due.get().document(), date, Pages.actor(ctx), staff.displayName(), scanned,
                    scannedType, Pages.remote(ctx));
            // A required consent may have been the last thing missing: the visit may now be ready (or need review).
            return readiness.settle(v.id(), Pages.actor(ctx));
        });
        ctx.redirect("/desk/visits/" + v.id() + "?notice=paper", HttpStatus.SEE_OTHER);
    }
}
