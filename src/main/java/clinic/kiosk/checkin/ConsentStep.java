package clinic.kiosk.checkin;

import clinic.kiosk.consent.ConsentDocument;
import clinic.kiosk.consent.ConsentService;
import clinic.kiosk.web.Form;
import clinic.kiosk.web.FormErrors;

import java.util.List;
import java.util.Map;

/**
 * The {@code consents} step: every consent the visit needs, one after another, each read to the end and signed
 * with a finger (or, without JavaScript, a message that staff can help with paper). The consent files alone decide
 * which are due.
 */
final class ConsentStep implements CheckInStep {
    static final String NAME = "consents";
    private static final Map<ConsentService.Problem, String[]> ERRORS = Map.of(
            ConsentService.Problem.AGREEMENT, new String[] {"agreed", "consent.error.agreement"},
            ConsentService.Problem.NAME_MISSING, new String[] {"typedName", "consent.error.name_missing"},
            ConsentService.Problem.NAME_MISMATCH, new String[] {"typedName", "consent.error.name_mismatch"},
            ConsentService.Problem.SIGNATURE_MISSING, new String[] {"signature-pad", "consent.error.signature_missing"},
            ConsentService.Problem.NOT_PNG, new String[] {"signature-pad", "consent.error.signature_bad"},
            ConsentService.Problem.TOO_LARGE, new String[] {"signature-pad", "consent.error.signature_large"},
            ConsentService.Problem.BLANK, new String[] {"signature-pad", "consent.error.signature_blank"});

    private final ConsentService consents;

    ConsentStep(ConsentService consents) {
        this.consents = consents;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean reading() {
        return true;
    }

    @Override
    public boolean gates() {
        return true;
    }

    static ConsentService.Signer signer(StepContext c) {
        String label = (c.visit().ticket() == null ? "visit " + c.visit().id() : "ticket " + c.visit().ticket())
                + " on " + c.visit().visitDate();
        return new ConsentService.Signer(c.booking().patientId(), c.visit().id(), c.booking().visitType(),
                c.booking().courseId(), c.booking().firstName(), c.booking().lastName(), label);
    }

    @Override
    public boolean due(StepContext c) {
        return !consents.due(signer(c)).isEmpty();
    }

    @Override
    public String template() {
        return "checkin/consent";
    }

    public record ConsentPage(StepFrame frame, String id, String title, int version, boolean again, String html,
                              boolean template, int number, int count, boolean agreed, String typedName,
                              FormErrors errors) {}

    private ConsentPage page(StepContext c, List<ConsentService.Due> due, boolean agreed, String typedName, FormErrors errors) {
        ConsentService.Due first = due.get(0);
        ConsentDocument d = first.document();
        int total = consents.catalog().forVisitType(c.booking().visitType()).size();
        int number = total - due.size() + 1;
        return new ConsentPage(c.frame(), d.id(), d.title(), d.version(), first.again(), d.html(), d.template(),
                number, total, agreed, typedName, errors);
    }

    @Override
    public Record page(StepContext c) {
        return page(c, consents.due(signer(c)), false, "", FormErrors.NONE);
    }

    @Override
    public Submission submit(StepContext c, Form form) {
        List<ConsentService.Due> due = consents.due(signer(c));
        String id = form.text("consent", "consent.title", 64);
        if (due.isEmpty()) {
            return Submission.done();
        }
        if (!due.get(0).document().id().equals(id)) {
            // Not the consent on screen now (a stale page, or tampering): sign nothing.
            form.errorKey("agreed", "consent.error.stale");
            return Submission.invalid(page(c, due, false, "", form.errors()));
        }
        boolean agreed = "yes".equals(form.text("agreed", "consent.agree", 3));
        String typedName = form.text("typedName", "consent.typed_name", 200);
        List<String> signature = form.values("signature");
        List<ConsentService.Problem> problems = consents.sign(signer(c), due.get(0).document(), agreed, typedName,
                signature.isEmpty() ? null : signature.get(0), c.actor());
        if (!problems.isEmpty()) {
            for (ConsentService.Problem p : problems) {
                form.errorKey(ERRORS.get(p)[0], ERRORS.get(p)[1]);
            }
            return Submission.invalid(page(c, due, agreed, typedName, form.errors()));
        }
        return due.size() > 1 ? Submission.more() : Submission.done();
    }
}
