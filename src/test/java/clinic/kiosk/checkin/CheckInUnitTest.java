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
import static org.junit.jupiter.api.Assertions.assertThrows;

class CheckInUnitTest {
    private final KioskConfig config = ConfigLoader.load(TestApp.shippedConfig());

    private static Booking booking(String visitType) {
        return new Booking(1, 1, "Ana", "Rivera", LocalDate.of(1985, 3, 14), null, visitType, Instant.EPOCH, false);
    }

    /** A step that is due or not, for the sequence. */
    private record Fixed(String name, boolean due) implements CheckInStep {
        public boolean due(StepContext c) {
            return due;
        }

        public String template() {
            return "";
        }

        public Record page(StepContext c) {
            return null;
        }

        public Optional<Record> submit(StepContext c, Form form) {
            return Optional.empty();
        }
    }

    @Test
    void the_sequence_follows_kiosk_yaml_after_identify() {
        CheckInFlow flow = new CheckInFlow(List.of(new Fixed("contact", true)), config);
        assertEquals(Optional.of("contact"), flow.nextDue(null, booking("infusion"), Actor.system(), null));
        assertEquals(Optional.empty(), flow.nextDue(null, booking("infusion"), Actor.system(), "contact"));
        StepFrame frame = flow.frame(booking("infusion"), "contact", "/kiosk/step/contact", false);
        assertEquals(2, frame.number());
        assertEquals(2, frame.count(), "identify counts as step 1");
        assertEquals("Ana R.", frame.shortName());
    }

    @Test
    void a_step_that_is_not_due_is_skipped() {
        CheckInFlow flow = new CheckInFlow(List.of(new Fixed("contact", false)), config);
        clinic.kiosk.queue.Visit visit = new clinic.kiosk.queue.Visit(1, 1, 1, LocalDate.now(), 1, "ARRIVED", null,
                null, null, null, null, null, null, null, null, Instant.EPOCH);
        assertEquals(Optional.empty(), flow.nextDue(visit, booking("infusion"), Actor.system(), null));
    }

    @Test
    void a_configured_step_without_an_implementation_stops_start_up() {
        assertThrows(IllegalStateException.class, () -> new CheckInFlow(List.of(), config));
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
