package clinic.kiosk.checkin;

import clinic.kiosk.web.Form;

/**
 * One kind of check-in step, named in a visit type's {@code steps} in kiosk.yaml. The flow is generic: a step
 * says whether it is still due for this visit, what page shows it, and what to do with a submission.
 */
interface CheckInStep {
    String name();

    /** Reading steps (a consent) get the longer idle timeout. */
    default boolean reading() {
        return false;
    }

    /** Whether the visit waits for this step before it can be READY for a chair. */
    boolean gates();

    /** Still to be done at this visit. */
    boolean due(StepContext context);

    /** The template under {@code templates/}. */
    String template();

    Record page(StepContext context);

    Submission submit(StepContext context, Form form);

    /** What a submission did: the step is done, it has more to ask (a form's next screen), or it was refused. */
    record Submission(boolean accepted, boolean finished, Record again) {
        static Submission done() {
            return new Submission(true, true, null);
        }

        static Submission more() {
            return new Submission(true, false, null);
        }

        static Submission invalid(Record page) {
            return new Submission(false, false, page);
        }
    }
}
