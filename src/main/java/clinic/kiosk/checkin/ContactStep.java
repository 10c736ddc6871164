package clinic.kiosk.checkin;

import clinic.kiosk.queue.Escort;
import clinic.kiosk.queue.Visit;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.web.Form;
import clinic.kiosk.web.FormErrors;

import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mobile phone confirmed or corrected and, for visit types that need one, the escort who takes the patient
 * home (no driving until the next day), prefilled from the last visit. "I don't have an escort yet" is a valid
 * answer: the patient goes on, and the desk sees "No escort".
 */
final class ContactStep implements CheckInStep {
    static final String NAME = "contact";
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\-. ]{7,32}");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*([ap])\\.?\\s*m?\\.?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME_24 = Pattern.compile("(\\d{1,2}):(\\d{2})");

    private final VisitService visits;

    ContactStep(VisitService visits) {
        this.visits = visits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean gates() {
        return true;
    }

    /** Asked once per visit: done once today's phone was confirmed. */
    @Override
    public boolean due(StepContext context) {
        return context.visit().phone() == null;
    }

    @Override
    public String template() {
        return "checkin/contact";
    }

    public record ContactPage(StepFrame frame, boolean escortRequired, String phone, String escortName,
                              String escortPhone, String plan, String returnsAt, boolean noEscort, FormErrors errors) {}

    @Override
    public Record page(StepContext c) {
        Visit visit = c.visit();
        Optional<Visit> previous = visits.previousContact(visit);
        String phone = firstNonBlank(visit.phone(), previous.map(Visit::phone).orElse(null), c.booking().phone());
        Visit source = visit.escortPlan() != null ? visit : previous.orElse(null);
        String escortName = source == null ? "" : orEmpty(source.escortName());
        String escortPhone = source == null ? "" : orEmpty(source.escortPhone());
        String plan = source == null || source.escortPlan() == null || source.noEscort() ? "" : source.escortPlan();
        // A return time belongs to one day: only today's is offered again.
        String returnsAt = source == visit && visit.escortReturnsAt() != null ? visit.escortReturnsAt() : "";
        return new ContactPage(c.frame(), c.visitType().escortRequired(), phone, escortName, escortPhone, plan,
                returnsAt, visit.noEscort(), FormErrors.NONE);
    }

    @Override
    public Submission submit(StepContext c, Form form) {
        String phone = form.required("phone", "contact.phone", 32, "contact.error.phone_missing");
        if (!phone.isEmpty() && !PHONE.matcher(phone).matches()) {
            form.errorKey("phone", "contact.error.phone_format");
        }
        boolean required = c.visitType().escortRequired();
        boolean noEscort = "yes".equals(form.text("noEscort", "contact.no_escort", 3));
        String escortName = form.text("escortName", "contact.escort_name", 100);
        String escortPhone = form.text("escortPhone", "contact.escort_phone", 32);
        String plan = form.text("plan", "contact.plan", 10);
        String returns = form.text("returnsAt", "contact.returns_at", 10);
        Escort escort = null;
        if (required && noEscort) {
            escort = Escort.none();
        } else if (required) {
            if (escortName.isEmpty()) {
                form.errorKey("escortName", "contact.error.escort_name");
            }
            if (escortPhone.isEmpty()) {
                form.errorKey("escortPhone", "contact.error.escort_phone");
            } else if (!PHONE.matcher(escortPhone).matches()) {
                form.errorKey("escortPhone", "contact.error.phone_format");
            }
            LocalTime back = null;
            if (!Set.of("stays", "returns").contains(plan)) {
                form.errorKey("plan", "contact.error.plan");
            } else if (plan.equals("returns")) {
                back = time(returns);
                if (back == null) {
                    form.errorKey("returnsAt", "contact.error.returns_at");
                }
            }
            if (form.valid()) {
                escort = new Escort(escortName, escortPhone, plan.equals("stays") ? Escort.Plan.STAYS : Escort.Plan.RETURNS, back);
            }
        }
        if (!form.valid()) {
            return Submission.invalid(new ContactPage(c.frame(), required, phone, escortName, escortPhone, plan, returns,
                    noEscort, form.errors()));
        }
        visits.saveContact(c.visit().id(), phone, escort, c.actor());
        return Submission.done();
    }

    /** "2:30 pm", "2 pm", "14:30": the time an escort comes back. */
    static LocalTime time(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher twelve = TIME.matcher(t);
        try {
            if (twelve.matches()) {
                int hour = Integer.parseInt(twelve.group(1));
                int minute = twelve.group(2) == null ? 0 : Integer.parseInt(twelve.group(2));
                if (hour < 1 || hour > 12) {
                    return null;
                }
                return LocalTime.of(hour % 12 + (twelve.group(3).equals("p") ? 12 : 0), minute);
            }
            Matcher full = TIME_24.matcher(t);
            if (full.matches()) {
                int hour = Integer.parseInt(full.group(1));
                if (hour >= 13 || hour == 0) {
                    return LocalTime.of(hour, Integer.parseInt(full.group(2)));
                }
            }
        } catch (java.time.DateTimeException e) {
            return null;
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
