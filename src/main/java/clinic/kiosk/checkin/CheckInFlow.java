package clinic.kiosk.checkin;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.config.KioskConfig.VisitType;
import clinic.kiosk.db.Transactions;
import clinic.kiosk.queue.Readiness;
import clinic.kiosk.queue.Visit;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.schedule.Booking;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.screening.ScreeningService;
import clinic.kiosk.web.Form;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The step sequence of a visit type: its steps from kiosk.yaml after {@code identify}, each asked while due. The
 * current step is always worked out from what is stored, so a URL cannot skip one. After every accepted
 * submission the flags are evaluated and {@link Readiness} moves the visit where it belongs, in the same
 * transaction as the answer: one tap, one transaction. The kiosk and the desk run the same sequence. The flow also
 * tells {@link Readiness} whether the steps that gate the chair are done, for every other path that settles a visit.
 */
final class CheckInFlow implements Readiness.Facts {
    static final String IDENTIFY = "identify";

    private final Map<String, CheckInStep> steps;
    private final KioskConfig config;
    private final VisitService visits;
    private final ScreeningService screening;
    private final ScheduleService schedule;
    private final Transactions transactions;
    private final Readiness readiness;

    CheckInFlow(List<CheckInStep> steps, KioskConfig config, VisitService visits, ScreeningService screening,
                ScheduleService schedule, Transactions transactions) {
        this.steps = steps.stream().collect(Collectors.toUnmodifiableMap(CheckInStep::name, Function.identity()));
        this.config = config;
        this.visits = visits;
        this.screening = screening;
        this.schedule = schedule;
        this.transactions = transactions;
        this.readiness = new Readiness(visits, this);
        for (VisitType type : config.visitTypes().values()) {
            for (String step : type.steps()) {
                if (!step.equals(IDENTIFY) && !this.steps.containsKey(step)) {
                    throw new IllegalStateException("visit type " + type.id() + " names step " + step + ", which has no implementation");
                }
            }
        }
    }

    VisitType visitType(Booking booking) {
        return config.visitType(booking.visitType()).orElseThrow();
    }

    Optional<CheckInStep> step(String name) {
        return Optional.ofNullable(steps.get(name));
    }

    /** The steps after identify, in order. */
    List<CheckInStep> sequence(VisitType type) {
        List<CheckInStep> sequence = new ArrayList<>();
        for (String name : type.steps()) {
            if (!name.equals(IDENTIFY)) {
                sequence.add(steps.get(name));
            }
        }
        return sequence;
    }

    private StepContext probe(Visit visit, Booking booking, Actor actor) {
        return new StepContext(visit, booking, visitType(booking), actor, null, null, null, "en");
    }

    /** The first step still due, in the order of kiosk.yaml; empty when nothing is left to ask. */
    Optional<String> current(Visit visit, Booking booking, Actor actor) {
        StepContext probe = probe(visit, booking, actor);
        return sequence(visitType(booking)).stream().filter(s -> s.due(probe)).map(CheckInStep::name).findFirst();
    }

    /** The first step of a visit about to arrive (nothing is stored for it yet). */
    Optional<String> first(Booking booking) {
        return sequence(visitType(booking)).stream().map(CheckInStep::name).findFirst();
    }

    Readiness readiness() {
        return readiness;
    }

    @Override
    public boolean stepsDone(Visit visit) {
        return gatingDone(visit, schedule.booking(visit.appointmentId()).orElseThrow());
    }

    /** No step of the visit type that gates the chair is still due. */
    boolean gatingDone(Visit visit, Booking booking) {
        StepContext probe = probe(visit, booking, Actor.system());
        return sequence(visitType(booking)).stream().filter(CheckInStep::gates).noneMatch(s -> s.due(probe));
    }

    @Override
    public boolean blocked(long visitId) {
        return screening.blocked(visitId);
    }

    /** Runs a patient's (or the desk's) tap as one transaction. */
    <T> T inOne(java.util.function.Supplier<T> work) {
        return transactions.inOne(work);
    }

    /** The outcome of a submission for the next page: where the patient goes, and whether to show the support message. */
    record After(Visit visit, Optional<String> next, boolean support) {}

    /** A submission and, when it was accepted, where the visit stands after it. */
    record Outcome(CheckInStep.Submission submission, After after) {}

    /** One tap: the step takes the submission, the flags are evaluated, the visit settled, all in one transaction. */
    Outcome submit(CheckInStep step, StepContext context, Form form) {
        return inOne(() -> {
            CheckInStep.Submission submission = step.submit(context, form);
            return new Outcome(submission, submission.accepted() ? after(context.visit(), context.booking(), context.actor()) : null);
        });
    }

    After after(Visit visit, Booking booking, Actor actor) {
        Visit now = visits.byId(visit.id()).orElseThrow();
        ScreeningService.Evaluation evaluation = screening.evaluate(now.id(), booking.patientId(), now.noEscort(), actor,
                ScreeningService.Cause.ANSWERS);
        Visit settled = readiness.settle(now.id(), actor).orElse(now);
        Optional<String> next = current(settled, booking, actor);
        if (!java.util.Objects.equals(next.orElse(null), settled.currentStep())) {
            visits.step(settled.id(), next.orElse(null));
        }
        return new After(settled, next, evaluation.support());
    }

    /** "Step 2 of 3" counts the identification as step 1. */
    StepFrame frame(Booking booking, String step, String action, boolean desk) {
        List<CheckInStep> sequence = sequence(visitType(booking));
        int index = 0;
        for (int i = 0; i < sequence.size(); i++) {
            if (sequence.get(i).name().equals(step)) {
                index = i;
            }
        }
        return new StepFrame(booking.shortName(), index + 2, sequence.size() + 1, action, desk, index == 0);
    }
}
