package clinic.kiosk.checkin;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.schedule.Booking;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.web.Form;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckInUnitTest {
    private final KioskConfig config = ConfigLoader.load(TestApp.shippedConfig());

    private static Booking booking(String visitType) {
        return new Booking(1, 1, "Ana", "Rivera", LocalDate.of(1985, 3, 14), null, visitType, Instant.EPOCH, false, null);
    }

    /** A step that is due or not, for the sequence. */
    private record Fixed(String name, boolean due) implements CheckInStep {
        public boolean gates() {
            return true;
        }

        public boolean due(StepContext c) {
            return due;
        }

        public String template() {
            return "";
        }

        public Record page(StepContext c) {
            return null;
        }

        public Submission submit(StepContext c, Form form) {
            return Submission.done();
        }
    }

    private static final clinic.kiosk.queue.Visit VISIT = new clinic.kiosk.queue.Visit(1, 1, 1, LocalDate.now(), 1,
            clinic.kiosk.queue.VisitState.ARRIVED, null, null, null, null, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH, null, null, null);

    private List<CheckInStep> steps(boolean contact, boolean forms) {
        List<CheckInStep> steps = new java.util.ArrayList<>();
        steps.add(new Fixed("contact", contact));
        steps.add(new Fixed("consents", forms));
        for (String form : config.forms().keySet()) {
            steps.add(new Fixed("form:" + form, forms));
        }
        return steps;
    }

    @Test
    void the_sequence_follows_kiosk_yaml_after_identify() {
        CheckInFlow flow = new CheckInFlow(steps(true, true), config, null, null, null, null);
        assertEquals(Optional.of("contact"), flow.first(booking("infusion")));
        assertEquals(Optional.of("contact"), flow.current(VISIT, booking("infusion"), Actor.system()));
        assertEquals(List.of("contact", "form:safety-check", "form:cssrs-since-last-visit", "consents", "form:phq-9", "form:gad-7"),
                flow.sequence(config.visitType("infusion").orElseThrow()).stream().map(CheckInStep::name).toList());
        StepFrame frame = flow.frame(booking("infusion"), "form:safety-check", "/kiosk/step/form:safety-check", false);
        assertEquals(3, frame.number());
        assertEquals(7, frame.count(), "identify counts as step 1");
        assertEquals("Ana R.", frame.shortName());
    }

    @Test
    void steps_no_longer_due_are_skipped_and_the_first_due_one_is_current() {
        CheckInFlow flow = new CheckInFlow(steps(false, true), config, null, null, null, null);
        assertEquals(Optional.of("form:safety-check"), flow.current(VISIT, booking("infusion"), Actor.system()));
        CheckInFlow done = new CheckInFlow(steps(false, false), config, null, null, null, null);
        assertEquals(Optional.empty(), done.current(VISIT, booking("infusion"), Actor.system()));
        assertTrue(done.gatingDone(VISIT, booking("infusion")));
        assertFalse(flow.gatingDone(VISIT, booking("infusion")));
    }

    @Test
    void a_configured_step_without_an_implementation_stops_start_up() {
        assertThrows(IllegalStateException.class, () -> new CheckInFlow(List.of(), config, null, null, null, null));
    }

    @Test
    void escort_return_times_as_people_write_them() {
        assertEquals(LocalTime.of(14, 30), ContactStep.time("2:30 pm"));
        assertEquals(LocalTime.of(14, 30), ContactStep.time("2:30PM"));
        assertEquals(LocalTime.of(14, 0), ContactStep.time("2 p.m."));
        assertEquals(LocalTime.of(9, 15), ContactStep.time("9:15 am"));
        assertEquals(LocalTime.of(0, 5), ContactStep.time("12:05 am"));
        assertEquals(LocalTime.of(16, 45), ContactStep.time("16:45"));
        assertNull(ContactStep.time("4:45"), "ambiguous without am or pm");
        assertNull(ContactStep.time("13:00 pm"));
        assertNull(ContactStep.time("soon"));
        assertNull(ContactStep.time("2:75 pm"));
    }
}
