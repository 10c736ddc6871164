package clinic.kiosk.checkin;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.config.KioskConfig.VisitType;
import clinic.kiosk.queue.Visit;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.queue.VisitState;
import clinic.kiosk.schedule.Booking;
import clinic.kiosk.screening.ScreeningService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The step sequence of a visit type: its steps from kiosk.yaml after {@code identify}, each asked while due. The
 * current step is always worked out from what is stored, so a URL cannot skip one. After every accepted
 * submission the flags are evaluated and the visit moved where it belongs (READY once the steps that gate the
 * chair are done; NEEDS_REVIEW while a block flag is open). The kiosk and the desk run the same sequence.
 */
final class CheckInFlow {
    static final String IDENTIFY = "identify";

    private final Map<String, CheckInStep> steps;
    private final KioskConfig config;
    private final VisitService visits;
    private final ScreeningService screening;

    CheckInFlow(List<CheckInStep> steps, KioskConfig config, VisitService visits, ScreeningService screening) {
        this.steps = steps.stream().collect(Collectors.toUnmodifiableMap(CheckInStep::name, Function.identity()));
        this.config = config;
        this.visits = visits;
        this.screening = screening;
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

    boolean gatingDone(Visit visit, Booking booking, Actor actor) {
        StepContext probe = probe(visit, booking, actor);
        return sequence(visitType(booking)).stream().filter(CheckInStep::gates).noneMatch(s -> s.due(probe));
    }

    /** The outcome of a submission for the next page: where the patient goes, and whether to show the support message. */
    record After(Visit visit, Optional<String> next, boolean support) {}

    After after(Visit visit, Booking booking, Actor actor) {
        Visit now = visits.byId(visit.id()).orElseThrow();
        ScreeningService.Evaluation evaluation = screening.evaluate(now.id(), booking.patientId(), now.noEscort(), actor);
        if (now.state() == VisitState.ARRIVED || now.state() == VisitState.READY
                || now.state() == VisitState.NEEDS_REVIEW) {
            visits.settle(booking.appointmentId(), gatingDone(now, booking, actor), evaluation.blocked(), actor);
        }
        Visit settled = visits.byId(visit.id()).orElseThrow();
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
