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
    private final TestServices.Alarms safety = new TestServices.Alarms();
    private final Set<Long> blocked = safety.blocked;
    private final Map<Long, Integer> alerts = safety.alerts;
    private TestServices services;
    private Database db;
    private VisitService visits;
    private ChairService chairs;
    private Actor nurse;

    @BeforeEach
    void open() {
        KioskConfig config = ConfigLoader.load(TestApp.shippedConfig());
        services = TestServices.open(clock, config, safety);
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

    /** A reading with this blood pressure, the rest calm (HR 72, SpO2 98, RR 14, RASS 0, no dissociation), 70.5 kg. */
    private static Vitals.Reading bp(int systolic, int diastolic) {
        return new Vitals.Reading(systolic, diastolic, 72, 98, 14, 0, 0, new BigDecimal("70.5"));
    }

    /** A reading without weight: pressure, heart rate, SpO2, respiratory rate, RASS, dissociation. */
    private static Vitals.Reading reading(int systolic, int diastolic, int heartRate, int spo2, int rr, int rass, int dissociation) {
        return new Vitals.Reading(systolic, diastolic, heartRate, spo2, rr, rass, dissociation, null);
    }

    private static final Vitals.Reading CALM = reading(124, 78, 70, 98, 14, 0, 0);

    /** The infusion in the medication record at the usual 0.5 mg/kg. */
    private void infusionRecorded(long v) {
        assertTrue(chairs.giveMedication(v, "ketamine", new BigDecimal("0.5"), "KET-2291", "Nina Nurse", nurse).done());
    }

    /** Seated, vitals with weight taken, the infusion recorded: ready to start. */
    private long seatedWithVitals(int n, String chair) {
        long v = ready(n);
        assertTrue(chairs.seat(v, chair, nurse).done());
        assertTrue(chairs.recordVitals(v, bp(128, 82), nurse).done());
        infusionRecorded(v);
        return v;
    }

    /** Infused and ended, then observed for the configured 30 minutes with a calm recovery reading. */
    private long recovered(int n, String chair) {
        long v = seatedWithVitals(n, chair);
        assertTrue(chairs.start(v, nurse).done());
        clock.advance(Duration.ofMinutes(40));
        assertTrue(chairs.end(v, null, nurse).done());
        clock.advance(Duration.ofMinutes(30));
        assertTrue(chairs.recordVitals(v, CALM, nurse).done());
        return v;
    }

    private static final DischargeCheck.Ticked ALL_TICKED = new DischargeCheck.Ticked(true, true, true, true);

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
        infusionRecorded(v);
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
        infusionRecorded(v);
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
        assertThrows(IllegalArgumentException.class, () -> reading(120, 80, 72, 101, 14, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Vitals.Reading(120, 80, 72, 98, 14, 0, 0, new BigDecimal("15")));
        assertThrows(IllegalArgumentException.class, () -> reading(120, 80, 72, 98, 1, 0, 0), "respiratory rate 1");
        assertThrows(IllegalArgumentException.class, () -> reading(120, 80, 72, 98, 14, -6, 0), "RASS is -5 to +4");
        assertThrows(IllegalArgumentException.class, () -> reading(120, 80, 72, 98, 14, 0, 5), "dissociation is 0 to 4");
        long v = seatedWithVitals(1, "chair-1");
        chairs.start(v, nurse);
        chairs.recordVitals(v, reading(138, 88, 80, 97, 12, -1, 2), nurse);
        chairs.end(v, null, nurse);
        chairs.recordVitals(v, reading(126, 80, 70, 99, 14, 0, 0), nurse);
        List<String> phases = chairs.sheet(visits.byId(v).orElseThrow()).vitals().stream().map(Vitals::phase).toList();
        assertEquals(List.of("before", "during", "after"), phases);
        assertEquals("chair.error.changed", chairs.recordVitals(ready(2), bp(120, 80), nurse).problem(), "not in a chair yet");
    }

    // Discharge

    @Test
    void discharge_is_refused_until_every_criterion_is_met_and_then_records_each_one() {
        long v = seatedWithVitals(1, "chair-2");
        chairs.start(v, nurse);
        clock.advance(Duration.ofMinutes(40));
        chairs.end(v, null, nurse);
        clock.advance(Duration.ofMinutes(2));
        Visit visit = visits.byId(v).orElseThrow();
        List<DischargeCheck.Criterion> now = chairs.dischargeCriteria(visit, ALL_TICKED, false, "Luis Number1");
        assertEquals(List.of("observation", "vitals", "sedation"), DischargeCheck.missing(now),
                "two minutes after the end, with no recovery reading");
        assertEquals("discharge.error.missing", chairs.discharge(v, ALL_TICKED, false, "Luis Number1", null, nurse).problem());
        assertEquals("RECOVERING", state(v), "nothing half done");
        chairs.recordVitals(v, CALM, nurse);
        clock.advance(Duration.ofMinutes(27));
        assertEquals(List.of("observation"), DischargeCheck.missing(chairs.dischargeCriteria(visit, ALL_TICKED, false, "Luis Number1")),
                "29 minutes after the end");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), DischargeCheck.missing(chairs.dischargeCriteria(visit, ALL_TICKED, false, "Luis Number1")),
                "30 minutes after the end");
        assertEquals("discharge.error.missing", chairs.discharge(v, ALL_TICKED, false, "x", null, nurse).problem(),
                "an escort called x is not a name");
        assertEquals("discharge.error.missing", chairs.discharge(v, new DischargeCheck.Ticked(true, true, true, false),
                false, "Luis Number1", null, nurse).problem(), "instructions not given");
        assertTrue(chairs.discharge(v, ALL_TICKED, false, "Luis Number1", null, nurse).done());
        assertEquals("DISCHARGED", state(v));
        assertEquals("cleaning", chair("chair-2"));
        Discharge d = chairs.sheet(visits.byId(v).orElseThrow()).discharge().orElseThrow();
        assertEquals("Luis Number1", d.escortName());
        assertFalse(d.escortAsGiven());
        assertTrue(d.instructionsGiven());
        assertTrue(d.vitalsOk());
        assertTrue(d.criteria().startsWith("observation met"), d.criteria());
        assertTrue(d.criteria().contains("escort met (Luis Number1)"), d.criteria());
        assertEquals(null, d.overrideReason());
    }

    @Test
    void a_clinician_discharges_with_criteria_missing_only_with_a_reason_and_the_missing_ones_are_recorded() {
        long v = seatedWithVitals(1, "chair-2");
        chairs.start(v, nurse);
        chairs.end(v, "patient asked to stop", nurse);
        clock.advance(Duration.ofMinutes(10));
        chairs.recordVitals(v, reading(124, 78, 70, 98, 14, -1, 0), nurse);
        assertEquals("discharge.error.missing", chairs.discharge(v, ALL_TICKED, false, "Luis Number1", " ", nurse).problem(),
                "a blank reason is no reason");
        assertTrue(chairs.discharge(v, ALL_TICKED, false, "Luis Number1", "RASS -1 is her usual after a bad night; seen by me",
                nurse).done());
        Discharge d = chairs.sheet(visits.byId(v).orElseThrow()).discharge().orElseThrow();
        assertEquals("RASS -1 is her usual after a bad night; seen by me", d.overrideReason());
        assertEquals("nina", d.overrideBy());
        assertTrue(d.criteria().contains("observation not met"), d.criteria());
        assertTrue(d.criteria().contains("sedation not met"), d.criteria());
        List<Transition> history = chairs.transitions(v);
        assertTrue(history.get(history.size() - 1).reason().startsWith("criteria overridden by nina (observation, sedation not met)"),
                history.get(history.size() - 1).reason());
    }

    @Test
    void the_escort_given_at_check_in_is_the_one_recorded() {
        long v = ready(1);
        visits.saveContact(v, "555-0101", new Escort("Maria Number1", "555-0199", Escort.Plan.STAYS, null), nurse);
        chairs.seat(v, "chair-2", nurse);
        chairs.recordVitals(v, bp(128, 82), nurse);
        infusionRecorded(v);
        chairs.start(v, nurse);
        chairs.end(v, null, nurse);
        clock.advance(Duration.ofMinutes(30));
        chairs.recordVitals(v, CALM, nurse);
        chairs.lounge(v, nurse);
        assertTrue(chairs.discharge(v, ALL_TICKED, true, null, null, nurse).done());
        assertEquals("Maria Number1", chairs.sheet(visits.byId(v).orElseThrow()).discharge().orElseThrow().escortName());
    }

    // Stop and call

    @Test
    void a_reading_past_a_threshold_raises_a_block_alarm_with_what_was_measured_and_what_to_do() {
        long v = seatedWithVitals(1, "chair-1");
        assertTrue(chairs.start(v, nurse).done());
        clock.advance(Duration.ofMinutes(10));
        assertTrue(chairs.recordVitals(v, reading(179, 109, 120, 92, 10, -3, 2), nurse).done());
        assertEquals(List.of(), safety.codes(v), "every value at its limit, none past it");
        assertTrue(chairs.recordVitals(v, reading(190, 115, 130, 85, 14, -1, 1), nurse).done());
        assertEquals(List.of("vitals-blood-pressure", "vitals-heart-rate", "vitals-spo2"), safety.codes(v));
        String message = safety.raised.get(0).message();
        assertTrue(message.startsWith("Blood pressure 190/115 at 10:10 AM during the infusion"), message);
        assertTrue(message.endsWith("Pause the infusion and call the prescriber."), message);
        assertEquals(3, chairs.sheet(visits.byId(v).orElseThrow()).vitals().size(), "the reading is kept as measured");
    }

    @Test
    void an_alarm_before_the_infusion_stops_the_start_until_a_clinician_clears_it() {
        long v = seatedWithVitals(1, "chair-1");
        assertTrue(chairs.recordVitals(v, reading(130, 84, 76, 90, 14, 0, 0), nurse).done());
        assertTrue(safety.raised.get(0).message().endsWith("Do not start the infusion; call the prescriber."));
        assertEquals("chair.error.block", chairs.start(v, nurse).problem());
        safety.cleared.add(v);
        assertTrue(chairs.start(v, nurse).done());
    }

    @Test
    void an_alarm_in_recovery_keeps_the_vitals_criterion_missing_until_cleared() {
        long v = recovered(1, "chair-1");
        assertTrue(chairs.recordVitals(v, reading(124, 78, 70, 98, 8, 0, 0), nurse).done());
        assertTrue(safety.raised.get(0).message().endsWith("Stay with the patient and call the prescriber."));
        assertTrue(chairs.recordVitals(v, CALM, nurse).done());
        Visit visit = visits.byId(v).orElseThrow();
        assertEquals(List.of("vitals"), DischargeCheck.missing(chairs.dischargeCriteria(visit, ALL_TICKED, false, "Luis Number1")));
        safety.cleared.add(v);
        assertEquals(List.of(), DischargeCheck.missing(chairs.dischargeCriteria(visit, ALL_TICKED, false, "Luis Number1")));
    }

    @Test
    void an_open_alarm_keeps_the_end_of_day_from_closing_the_visit_as_discharged() {
        long v = recovered(1, "chair-1");
        assertTrue(chairs.recordVitals(v, reading(124, 78, 70, 88, 14, 0, 0), nurse).done(), "SpO2 88: an alarm");
        assertEquals("chair.error.alarm_open", chairs.close(v, VisitState.DISCHARGED, "went home at 5 pm", nurse).problem());
        assertEquals("RECOVERING", state(v), "nothing half done");
        safety.cleared.add(v);
        assertTrue(chairs.close(v, VisitState.DISCHARGED, "went home at 5 pm", nurse).done());
    }

    // The medication record

    @Test
    void the_infusion_is_dosed_per_kg_from_todays_weight_and_refused_above_the_maximum() {
        long v = ready(1);
        chairs.seat(v, "chair-1", nurse);
        chairs.recordVitals(v, new Vitals.Reading(128, 82, 72, 98, 14, 0, 0, null), nurse);
        assertEquals("medication.error.weight", chairs.giveMedication(v, "ketamine", new BigDecimal("0.5"), "KET-1", "Nina Nurse", nurse).problem());
        chairs.recordVitals(v, bp(128, 82), nurse); // 70.5 kg
        ChairService.Result tooMuch = chairs.giveMedication(v, "ketamine", new BigDecimal("1.1"), "KET-1", "Nina Nurse", nurse);
        assertEquals("medication.error.dose", tooMuch.problem());
        assertEquals(List.of("1", "mg/kg"), tooMuch.args());
        assertEquals("medication.error.dose", chairs.giveMedication(v, "ketamine", BigDecimal.ZERO, "KET-1", "Nina Nurse", nurse).problem());
        assertEquals("chair.error.no_medication", chairs.start(v, nurse).problem());
        assertTrue(chairs.giveMedication(v, "ketamine", new BigDecimal("1.0"), "KET-1", "Nina Nurse", nurse).done(), "the maximum itself");
        MedicationGiven given = chairs.medications(v).get(0);
        assertEquals(new BigDecimal("70.5"), given.weightKg());
        assertEquals(new BigDecimal("70.5"), given.doseMg());
        assertEquals("1 mg/kg × 70.5 kg = 70.5 mg IV over 40 min", given.describe());
        assertEquals("KET-1", given.lot());
        assertEquals("Nina Nurse", given.preparedBy());
        assertEquals("nina", given.givenBy());
        assertEquals(null, given.startedAt(), "not started until the infusion starts");
    }

    @Test
    void the_dose_in_mg_is_rounded_to_a_tenth_and_the_infusion_is_recorded_once() {
        long v = seatedWithVitals(1, "chair-1");
        MedicationGiven first = chairs.medications(v).get(0);
        assertEquals(new BigDecimal("35.3"), first.doseMg(), "0.5 mg/kg × 70.5 kg = 35.25 mg");
        assertEquals("medication.error.infusion_twice", chairs.giveMedication(v, "ketamine", new BigDecimal("0.5"), "KET-2", "Nina Nurse", nurse).problem());
        assertTrue(chairs.voidMedication(v, first.id(), "wrong lot", nurse).done());
        assertTrue(chairs.giveMedication(v, "ketamine", new BigDecimal("0.5"), "KET-2", "Nina Nurse", nurse).done());
        List<MedicationGiven> all = chairs.medications(v);
        assertEquals(2, all.size(), "the voided entry stays in the record");
        assertTrue(all.get(0).voided());
        assertEquals("wrong lot", all.get(0).voidReason());
        assertEquals("chair.error.changed", chairs.giveMedication(ready(2), "ketamine", new BigDecimal("0.5"), "K", "Nina Nurse", nurse).problem(),
                "not in a chair");
    }

    @Test
    void two_taps_recording_the_infusion_at_once_record_it_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 4; round++) {
                long v = ready(round);
                chairs.seat(v, "chair-" + round, nurse);
                chairs.recordVitals(v, bp(128, 82), nurse);
                assertEquals(1, Race.winners(pool,
                        () -> chairs.giveMedication(v, "ketamine", new BigDecimal("0.5"), "KET-1", "Nina Nurse", nurse).done(),
                        () -> chairs.giveMedication(v, "ketamine", new BigDecimal("0.5"), "KET-1", "Nina Nurse", nurse).done()));
                assertEquals(1, chairs.medications(v).size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_infusion_record_gets_its_start_and_end_and_an_undone_start_takes_the_time_back() {
        long v = seatedWithVitals(1, "chair-1");
        long entry = chairs.medications(v).get(0).id();
        assertTrue(chairs.start(v, nurse).done());
        assertEquals(clock.instant(), chairs.medications(v).get(0).startedAt());
        assertEquals("medication.error.void", chairs.voidMedication(v, entry, "too late", nurse).problem(), "it ran");
        assertEquals("medication.error.infusion_when", chairs.giveMedication(v, "ketamine", new BigDecimal("0.5"), "K", "Nina Nurse", nurse).problem());
        assertTrue(chairs.giveMedication(v, "ondansetron", new BigDecimal("4"), "OND-7", "Nina Nurse", nurse).done(), "an adjunct during the infusion");
        MedicationGiven adjunct = chairs.medications(v).get(1);
        assertEquals("4 mg IV", adjunct.describe());
        assertEquals(clock.instant(), adjunct.startedAt());
        assertEquals("medication.error.dose", chairs.giveMedication(v, "ondansetron", new BigDecimal("9"), "OND-7", "Nina Nurse", nurse).problem());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(chairs.undo(v, nurse).done());
        assertEquals(null, chairs.medications(v).get(0).startedAt(), "undone: not started");
        assertTrue(chairs.start(v, nurse).done());
        clock.advance(Duration.ofMinutes(40));
        assertTrue(chairs.end(v, null, nurse).done());
        assertEquals(clock.instant(), chairs.medications(v).get(0).endedAt());
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
        infusionRecorded(v);
        chairs.start(v, nurse);
        chairs.end(v, null, nurse);
        clock.advance(Duration.ofMinutes(30));
        chairs.recordVitals(v, CALM, nurse);
        assertTrue(chairs.discharge(v, ALL_TICKED, false, "Luis Number1", null, nurse).done());
        assertTrue(chairs.undo(v, nurse).done());
        assertEquals("RECOVERING", state(v));
        assertEquals("occupied", chair("chair-4"));
        assertTrue(chairs.sheet(visits.byId(v).orElseThrow()).discharge().isEmpty(), "the undone discharge is marked, not valid");

        assertTrue(chairs.discharge(v, ALL_TICKED, false, "Luis Number1", null, nurse).done());
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
