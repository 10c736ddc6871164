package clinic.kiosk.checkin;

import clinic.kiosk.web.Form;

/**
 * One kind of check-in step, named in a visit type's {@code steps} in kiosk.yaml. The flow is generic: a step
 * says whether it is due for this visit, what page shows it, and what to do with a submission.
 */
interface CheckInStep {
    String name();

    /** Reading steps (a consent) get the longer idle timeout. */
    default boolean reading() {
        return false;
    }

    boolean due(StepContext context);

    /** The template under {@code templates/} and the page to show, before any submission. */
    String template();

    Record page(StepContext context);

    /** Takes a submission: empty when it was accepted, otherwise the page again with the problems. */
    java.util.Optional<Record> submit(StepContext context, Form form);
}
