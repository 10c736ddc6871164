package clinic.kiosk.queue;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.db.Database;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.Race;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chair part of a visit on a real database with the shipped configuration (chairs 1 to 4, a consult room,
 * hold at 140/90, undo within 5 minutes). The clock stands at 10:00 in New York and moves only when a test says.
 */
class ChairServiceTest {
    private static final int PATIENTS = 12;
    private final MutableClock clock = MutableClock.standard();
    private final Set<Long> blocked = new HashSet<>();
    private final Map<Long, Integer> alerts = new java.util.HashMap<>();
    private TestServices services;
    private Database db;
    private VisitService visits;
    private ChairService chairs;
    private Actor nurse;

    @BeforeEach
    void open() {
        KioskConfig config = ConfigLoader.load(TestApp.shippedConfig());
        services = TestServices.open(clock, config, new ChairService.Safety() {
            @Override
            public boolean openBlock(long visitId) {
                return blocked.contains(visitId);
            }

            @Override
            public int unacknowledgedAlerts(long visitId) {
                return alerts.getOrDefault(visitId, 0);
            }
        });
        db = services.db;
        visits = services.visits;
        chairs = services.chairs;
        nurse = services.nurse;
        ScheduleService schedule = new ScheduleService(db.jdbi(), services.audit, services.time, config, () -> { });
        StringBuilder csv = new StringBuilder("appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone\n");
        for (int i = 1; i <= PATIENTS; i++) {
            csv.append("A").append(i).append(",P").append(i).append(",Pat,Number").append(i).append(",1980-01-01,2026-11-26T")
                    .append(String.format("%02d", 8 + i / 2)).append(i % 2 == 0 ? ":00" : ":30").append(",")
                    .append(i == PATIENTS ? "consult" : "infusion").append(",\n");
        }
        assertTrue(schedule.importFile("day.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                ScheduleService.Source.UPLOAD, Actor.system(), null).accepted());
    }

    @AfterEach
    void close() {
        services.close();
    }

    private List<Long> appointments() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM appointment ORDER BY id").mapTo(Long.class).list());
    }

    /** The n-th patient (from 1) checked in and READY; returns the visit id. */
    private long ready(int n) {
        long a = appointments().get(n - 1);
        visits.move(a, VisitState.EXPECTED, VisitState.ARRIVED, Actor.system(), null, null);
        return visits.move(a, VisitState.ARRIVED, VisitState.READY, Actor.system(), null, null).visit().orElseThrow().id();
    }

    private String state(long visitId) {
        return visits.byId(visitId).orElseThrow().state().name();
    }

    private String chair(String id) {
        return chairs.places().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow().state();
    }

    private static Vitals.Reading bp(int systolic, int diastolic) {
        return new Vitals.Reading(systolic, diastolic, 72, 98, new BigDecimal("70.5"));
    }

    private long seatedWithVitals(int n, String chair) {
        long v = ready(n);
        assertTrue(chairs.seat(v, chair, nurse).done());
        assertTrue(chairs.recordVitals(v, bp(128, 82), nurse).done());
        return v;
    }

    // Seating

    @Test
    void seating_takes_the_chair_records_the_period_and_calls_the_ticket_in_the_lobby() {
        long v = ready(1);
        assertTrue(chairs.seat(v, "chair-2", nurse).done());
        assertEquals("SEATED", state(v));
        assertEquals("occupied", chair("chair-2"));
        assertEquals(v, chairs.placeOf(v).orElseThrow().visitId());
        ChairService.Lobby lobby = chairs.lobby();
        assertEquals(1, lobby.calls().size());
        assertEquals("K-01", lobby.calls().get(0).ticket());
        assertEquals("Chair 2", lobby.calls().get(0).place());
        clock.advance(Duration.ofMinutes(16));
        assertTrue(chairs.lobby().calls().isEmpty(), "a call leaves the lobby screen after 15 minutes");
    }

    @Test
    void only_a_ready_visit_with_its_alerts_acknowledged_gets_a_chair_and_consults_go_to_a_room() {
        long a = appointments().get(0);
        long arrived = visits.move(a, VisitState.EXPECTED, VisitState.ARRIVED, Actor.system(), null, null).visit().orElseThrow().id();
        assertEquals("chair.error.not_ready", chairs.seat(arrived, "chair-1", nurse).problem());
        long v = ready(2);
        alerts.put(v, 1);
        assertEquals("chair.error.alerts", chairs.seat(v, "chair-1", nurse).problem());
        assertEquals("READY", state(v));
        assertEquals("free", chair("chair-1"));
        alerts.put(v, 0);
        assertTrue(chairs.seat(v, "chair-1", nurse).done());
        long consult = ready(PATIENTS);
        assertEquals("chair.error.needs_room", chairs.seat(consult, "chair-3", nurse).problem());
        assertEquals("chair.error.needs_chair", chairs.seat(ready(3), "consult-room", nurse).problem());
        assertTrue(chairs.seat(consult, "consult-room", nurse).done());
        assertEquals("IN_ROOM", state(consult));
    }

    @Test
    void a_taken_chair_is_refused_with_its_name() {
        assertTrue(chairs.seat(ready(1), "chair-1", nurse).done());
        long other = ready(2);
        ChairService.Result r = chairs.seat(other, "chair-1", nurse);
        assertEquals("chair.error.taken", r.problem());
        assertEquals(List.of("Chair 1"), r.args());
        assertEquals("READY", state(other), "nothing half done");
    }

    @Test
    void two_staff_seating_at_once_exactly_one_wins_every_time() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                // Two patients into the same chair.
                long one = ready(round * 2 + 1);
                long two = ready(round * 2 + 2);
                String chair = "chair-" + (round % 4 + 1);
                assertEquals(1, Race.winners(pool, () -> chairs.seat(one, chair, nurse).done(), () -> chairs.seat(two, chair, nurse).done()));
                long seated = chairs.placeOf(one).isPresent() ? one : two;
                long left = seated == one ? two : one;
                assertEquals("READY", state(left));
                // The same patient into two chairs.
                String free1 = chairs.places().stream().filter(p -> p.free() && p.chair()).findFirst().orElseThrow().id();
                String free2 = chairs.places().stream().filter(p -> p.free() && p.chair() && !p.id().equals(free1)).findFirst().orElseThrow().id();
                assertEquals(1, Race.winners(pool, () -> chairs.seat(left, free1, nurse).done(), () -> chairs.seat(left, free2, nurse).done()));
                assertEquals(1, chairs.places().stream().filter(p -> Long.valueOf(left).equals(p.visitId())).count());
                // Free everything for the next round: both held, the chairs cleaned.
                for (long v : List.of(one, two)) {
                    assertTrue(chairs.hold(v, "other", "test round over", nurse).done());
                }
                chairs.places().stream().filter(p -> p.state().equals("cleaning")).forEach(p -> chairs.cleaned(p.id(), nurse));
            }
        } finally {
            pool.shutdownNow();
        }
        int occupied = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM place WHERE state = 'occupied'").mapTo(Integer.class).one());
        assertEquals(0, occupied);
        int periods = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM visit_place").mapTo(Integer.class).one());
        assertEquals(10, periods, "one period per seated patient: the losers left no row");
    }

    // The gate

    @Test
    void the_infusion_needs_vitals_first() {
        long v = ready(1);
        chairs.seat(v, "chair-1", nurse);
        assertEquals("chair.error.no_vitals", chairs.start(v, nurse).problem());
        assertEquals("SEATED", state(v));
    }

    @Test
    void blood_pressure_at_the_threshold_passes_and_above_it_on_either_number_is_refused() {
        long v = ready(1);
        chairs.seat(v, "chair-1", nurse);
        chairs.recordVitals(v, bp(141, 80), nurse);
        assertEquals("chair.error.pressure", chairs.start(v, nurse).problem());
        chairs.recordVitals(v, bp(130, 91), nurse);
        ChairService.Result r = chairs.start(v, nurse);
        assertEquals("chair.error.pressure", r.problem());
        assertEquals(List.of("130/91", "140/90"), r.args());
        chairs.recordVitals(v, bp(140, 90), nurse);
        assertTrue(chairs.start(v, nurse).done(), "140/90 is at, not above, the threshold");
        assertEquals("INFUSING", state(v));
    }

    @Test
    void a_clinician_override_with_a_reason_lets_a_high_reading_start_but_not_a_later_higher_one() {
        long v = ready(1);
        chairs.seat(v, "chair-1", nurse);
        assertEquals("chair.error.changed", chairs.override(v, "no reading yet", nurse).problem(), "nothing to override");
        chairs.recordVitals(v, bp(150, 95), nurse);
        assertTrue(chairs.override(v, "usual for her; repeat 146/92", nurse).done());
        clock.advance(Duration.ofMinutes(1));
        chairs.recordVitals(v, bp(165, 100), nurse);
        assertEquals("chair.error.pressure", chairs.start(v, nurse).problem(), "the override was for the earlier reading");
        assertTrue(chairs.override(v, "spoke with the doctor", nurse).done());
        assertTrue(chairs.start(v, nurse).done());
        List<Transition> history = chairs.transitions(v);
        assertEquals("blood pressure 165/100 overridden", history.get(history.size() - 1).reason());
    }

    @Test
    void an_open_block_flag_refuses_the_infusion() {
        long v = seatedWithVitals(1, "chair-1");
        blocked.add(v);
        assertEquals("chair.error.block", chairs.start(v, nurse).problem());
        blocked.remove(v);
        assertTrue(chairs.start(v, nurse).done());
    }

    // Infusion, recovery, lounge, hold

    @Test
    void the_infusion_ends_into_recovery_and_the_lounge_frees_the_chair_for_cleaning() {
        long v = seatedWithVitals(1, "chair-3");
        chairs.start(v, nurse);
        assertEquals("chair.error.changed", chairs.start(v, nurse).problem(), "a second click");
        clock.advance(Duration.ofMinutes(25));
        assertTrue(chairs.end(v, "emergence reaction, patient asked to stop", nurse).done());
        assertEquals("RECOVERING", state(v));
        ChairService.Sheet sheet = chairs.sheet(visits.byId(v).orElseThrow());
        assertEquals("stopped_early", sheet.events().get(0).kind());
        assertTrue(chairs.recordEvent(v, "vomiting", null, nurse).done());
        assertTrue(chairs.lounge(v, nurse).done());
        assertEquals("WAITING_FOR_ESCORT", state(v));
        assertEquals("cleaning", chair("chair-3"));
        assertTrue(chairs.cleaned("chair-3", nurse).done());
        assertEquals("free", chair("chair-3"));
        assertEquals("chair.error.changed", chairs.cleaned("chair-3", nurse).problem(), "already free");
    }

    @Test
    void a_hold_keeps_its_reason_and_frees_the_chair() {
        long v = seatedWithVitals(1, "chair-1");
        assertThrows(IllegalArgumentException.class, () -> chairs.hold(v, "bored", null, nurse));
        assertTrue(chairs.hold(v, "failed_iv", "three attempts", nurse).done());
        Visit held = visits.byId(v).orElseThrow();
        assertEquals(VisitState.HELD, held.state());
        assertEquals("failed_iv", held.holdReason());
        List<Transition> history = chairs.transitions(v);
        assertEquals("failed iv: three attempts", history.get(history.size() - 1).reason());
        assertEquals("cleaning", chair("chair-1"));
    }

    @Test
    void vitals_are_checked_and_belong_to_the_phase_of_the_visit() {
        assertThrows(IllegalArgumentException.class, () -> bp(80, 90), "diastolic above systolic");
        assertThrows(IllegalArgumentException.class, () -> new Vitals.Reading(120, 80, 72, 101, null));
        assertThrows(IllegalArgumentException.class, () -> new Vitals.Reading(120, 80, 72, 98, new BigDecimal("15")));
        long v = seatedWithVitals(1, "chair-1");
        chairs.start(v, nurse);
        chairs.recordVitals(v, new Vitals.Reading(138, 88, 80, 97, null), nurse);
        chairs.end(v, null, nurse);
        chairs.recordVitals(v, new Vitals.Reading(126, 80, 70, 99, null), nurse);
        List<String> phases = chairs.sheet(visits.byId(v).orElseThrow()).vitals().stream().map(Vitals::phase).toList();
        assertEquals(List.of("before", "during", "after"), phases);
        assertEquals("chair.error.changed", chairs.recordVitals(ready(2), bp(120, 80), nurse).problem(), "not in a chair yet");
    }

    // Discharge

    @Test
    void discharge_needs_every_criterion_and_a_named_escort() {
        long v = seatedWithVitals(1, "chair-2");
        chairs.start(v, nurse);
        chairs.end(v, null, nurse);
        assertEquals("discharge.error.criteria", chairs.discharge(v, new Discharge.Checklist(true, true, false, true, true, null), nurse).problem());
        assertEquals("discharge.error.escort", chairs.discharge(v, new Discharge.Checklist(true, true, true, true, true, null), nurse).problem(),
                "no escort was given at check-in");
        assertEquals("RECOVERING", state(v));
        assertTrue(chairs.discharge(v, new Discharge.Checklist(true, true, true, true, false, "Luis Number1"), nurse).done());
        assertEquals("DISCHARGED", state(v));
        assertEquals("cleaning", chair("chair-2"));
        Discharge d = chairs.sheet(visits.byId(v).orElseThrow()).discharge().orElseThrow();
        assertEquals("Luis Number1", d.escortName());
        assertFalse(d.escortAsGiven());
    }

    @Test
    void the_escort_given_at_check_in_is_the_one_recorded() {
        long v = seatedWithVitals(1, "chair-2");
        visits.saveContact(v, "555-0101", new Escort("Maria Number1", "555-0199", Escort.Plan.STAYS, null), nurse);
        chairs.start(v, nurse);
        chairs.end(v, null, nurse);
        chairs.lounge(v, nurse);
        assertTrue(chairs.discharge(v, new Discharge.Checklist(true, true, true, true, true, null), nurse).done());
        assertEquals("Maria Number1", chairs.sheet(visits.byId(v).orElseThrow()).discharge().orElseThrow().escortName());
    }

    // Undo

    @Test
    void undo_within_five_minutes_puts_back_the_state_its_start_time_and_the_chair() {
        long v = seatedWithVitals(1, "chair-1");
        java.time.Instant seatedSince = visits.byId(v).orElseThrow().stateSince();
        clock.advance(Duration.ofMinutes(3));
        chairs.start(v, nurse);
        clock.advance(Duration.ofMinutes(4));
        assertTrue(chairs.undo(v, nurse).done());
        Visit back = visits.byId(v).orElseThrow();
        assertEquals(VisitState.SEATED, back.state());
        assertEquals(seatedSince, back.stateSince(), "the seated timer goes on from when she sat");
        assertEquals("chair.error.undo_gone", chairs.undo(v, nurse).problem(), "an undo is not undone");
        List<Transition> history = chairs.transitions(v);
        Transition undo = history.get(history.size() - 1);
        assertEquals(VisitState.INFUSING, undo.fromState());
        assertEquals(VisitState.SEATED, undo.toState());
        assertEquals(history.get(history.size() - 2).id(), undo.undoOf());
    }

    @Test
    void undo_after_the_window_is_refused() {
        long v = seatedWithVitals(1, "chair-1");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertEquals("chair.error.undo_gone", chairs.undo(v, nurse).problem());
        assertEquals("SEATED", state(v));
    }

    @Test
    void undoing_a_seat_frees_the_chair_and_undoing_a_discharge_takes_it_back_unless_it_is_in_use() {
        long v = ready(1);
        chairs.seat(v, "chair-4", nurse);
        assertTrue(chairs.undo(v, nurse).done());
        assertEquals("READY", state(v));
        assertEquals("free", chair("chair-4"), "nobody sat: no cleaning");

        chairs.seat(v, "chair-4", nurse);
        chairs.recordVitals(v, bp(120, 80), nurse);
        chairs.start(v, nurse);
        chairs.end(v, null, nurse);
        chairs.discharge(v, new Discharge.Checklist(true, true, true, true, false, "Luis"), nurse);
        assertTrue(chairs.undo(v, nurse).done());
        assertEquals("RECOVERING", state(v));
        assertEquals("occupied", chair("chair-4"));
        assertTrue(chairs.sheet(visits.byId(v).orElseThrow()).discharge().isEmpty(), "the undone discharge is marked, not valid");

        chairs.discharge(v, new Discharge.Checklist(true, true, true, true, false, "Luis"), nurse);
        chairs.cleaned("chair-4", nurse);
        long other = ready(2);
        chairs.seat(other, "chair-4", nurse);
        ChairService.Result r = chairs.undo(v, nurse);
        assertEquals("chair.error.undo_taken", r.problem());
        assertEquals("DISCHARGED", state(v), "nothing half undone");
    }

    // End of the day

    @Test
    void an_open_visit_closes_only_in_a_way_its_state_allows_and_with_the_reason_kept() {
        assertEquals(List.of(VisitState.LEFT), ChairService.closings(VisitState.READY));
        assertEquals(List.of(VisitState.HELD), ChairService.closings(VisitState.SEATED));
        assertEquals(List.of(), ChairService.closings(VisitState.INFUSING), "an infusion is ended on the chair sheet");
        assertEquals(List.of(VisitState.DISCHARGED, VisitState.LEFT), ChairService.closings(VisitState.RECOVERING));
        long v = seatedWithVitals(1, "chair-1");
        assertEquals("chair.error.changed", chairs.close(v, VisitState.DISCHARGED, "went home", nurse).problem());
        assertTrue(chairs.close(v, VisitState.HELD, "IV could not be placed, not recorded", nurse).done());
        assertEquals("HELD", state(v));
        List<Transition> history = chairs.transitions(v);
        assertEquals("closed at end of day: IV could not be placed, not recorded", history.get(history.size() - 1).reason());
        assertEquals("cleaning", chair("chair-1"));
    }

    // Waiting times

    @Test
    void waits_come_from_the_chairs_timers_and_the_queue_in_appointment_order() {
        // Four chairs: two infusing for 10 minutes, one seated just now, one free.
        long a = seatedWithVitals(1, "chair-1");
        long b = seatedWithVitals(2, "chair-2");
        chairs.start(a, nurse);
        chairs.start(b, nurse);
        clock.advance(Duration.ofMinutes(10));
        seatedWithVitals(3, "chair-3");
        long first = ready(4);
        long second = ready(5);
        long third = ready(6);
        Map<Long, Duration> waits = chairs.waits();
        assertEquals(Duration.ZERO, waits.get(first), "chair 4 is free");
        // chairs 1 and 2: 30 min of infusion + 20 recovery + 5 cleaning left
        assertEquals(Duration.ofMinutes(55), waits.get(second));
        assertEquals(Duration.ofMinutes(55), waits.get(third));
        // history: with fewer than 5 chair visits the configured 10 + 40 + 20 minutes count
        assertEquals(Duration.ofMinutes(70), chairs.averageChairTime());
    }

    @Test
    void the_average_chair_time_of_the_last_30_days_replaces_the_configured_one_once_there_is_history() {
        for (int i = 1; i <= 5; i++) {
            long v = seatedWithVitals(i, "chair-1");
            clock.advance(Duration.ofMinutes(60 + i * 2)); // 62, 64, 66, 68, 70 minutes in the chair
            chairs.hold(v, "other", "history", nurse);
            chairs.cleaned("chair-1", nurse);
        }
        assertEquals(Duration.ofMinutes(66), chairs.averageChairTime());
        clock.advance(Duration.ofDays(31));
        assertEquals(Duration.ofMinutes(70), chairs.averageChairTime(), "older than 30 days no longer counts");
    }
}
