package clinic.kiosk.checkin;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.config.KioskConfig.VisitType;
import clinic.kiosk.queue.Visit;
import clinic.kiosk.schedule.Booking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The step sequence of a visit type: its steps from kiosk.yaml after {@code identify}, each asked only when due.
 * Knows nothing of pages or routes, so the kiosk and the desk run the same sequence.
 */
final class CheckInFlow {
    static final String IDENTIFY = "identify";

    private final Map<String, CheckInStep> steps;
    private final KioskConfig config;

    CheckInFlow(List<CheckInStep> steps, KioskConfig config) {
        this.steps = steps.stream().collect(Collectors.toUnmodifiableMap(CheckInStep::name, Function.identity()));
        this.config = config;
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

    /** The first due step after {@code after} (or from the start when null); empty when the check-in is complete. */
    Optional<String> nextDue(Visit visit, Booking booking, Actor actor, String after) {
        VisitType type = visitType(booking);
        List<CheckInStep> sequence = sequence(type);
        int start = 0;
        if (after != null) {
            for (int i = 0; i < sequence.size(); i++) {
                if (sequence.get(i).name().equals(after)) {
                    start = i + 1;
                }
            }
        }
        for (int i = start; i < sequence.size(); i++) {
            CheckInStep step = sequence.get(i);
            if (visit == null || step.due(new StepContext(visit, booking, type, actor, null))) {
                return Optional.of(step.name());
            }
        }
        return Optional.empty();
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
