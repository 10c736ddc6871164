package clinic.kiosk.app;

import clinic.kiosk.db.Database;
import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The export command of the packaged jar in a child JVM on the heap scripts/run sets: a crash at chosen points
 * and a rerun, an export handed to a running server, and a day of 10,000 visits.
 */
class ExportJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DAY = "2026-11-25";

    /** A data folder whose database holds {@code visits} checked-in, infused and discharged visits on 25 November. */
    private static Path dataWith(int visits) {
        Path data = TestApp.tempDir("jar-export");
        try (Database db = Database.open(data, MutableClock.standard());
             org.jdbi.v3.core.Handle handle = db.jdbi().open()) {
            Connection c = handle.getConnection();
            c.setAutoCommit(false);
            Instant start = Instant.parse("2026-11-25T13:00:00Z");
            try (PreparedStatement patient = c.prepareStatement("INSERT INTO patient (id, external_id, first_name, last_name, date_of_birth, created_at, updated_at) VALUES (?, ?, ?, ?, DATE '1980-01-01', ?, ?)");
                 PreparedStatement appointment = c.prepareStatement("INSERT INTO appointment (id, external_id, patient_id, starts_at, visit_type, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'infusion', 'booked', ?, ?)");
                 PreparedStatement visit = c.prepareStatement("INSERT INTO visit (id, appointment_id, visit_date, ticket_number, state, arrived_at, ready_at, updated_at, state_since, escort_name, escort_plan) VALUES (?, ?, DATE '2026-11-25', ?, 'DISCHARGED', ?, ?, ?, ?, 'Escort Person', 'stays')");
                 PreparedStatement transition = c.prepareStatement("INSERT INTO visit_transition (visit_id, from_state, to_state, at, actor_kind, actor_name) VALUES (?, ?, ?, ?, 'staff', 'nina')");
                 PreparedStatement vital = c.prepareStatement("INSERT INTO vital_sign (visit_id, taken_at, phase, systolic, diastolic, heart_rate, spo2, respiratory_rate, sedation, dissociation, weight_kg, staff_name) VALUES (?, ?, ?, 124, 80, 72, 98, 14, 0, 0, 70.5, 'nina')");
                 PreparedStatement medication = c.prepareStatement("INSERT INTO medication_administration (visit_id, medication_id, name, code_system, code, kind, dose_mg_per_kg, weight_kg, dose_mg, route, over_minutes, lot, prepared_by, given_by, recorded_at, started_at, ended_at) VALUES (?, 'ketamine', 'Ketamine hydrochloride', 'http://www.nlm.nih.gov/research/umls/rxnorm', '6130', 'infusion', 0.5, 70.5, 35.3, 'IV', 40, 'KET-2291', 'drlee', 'nina', ?, ?, ?)");
                 PreparedStatement response = c.prepareStatement("INSERT INTO response (id, visit_id, form_id, form_version, attempt, status, total, band, language, started_at, completed_at) VALUES (?, ?, 'phq-9', '1', 1, 'completed', 9, 'Mild', 'en', ?, ?)");
                 PreparedStatement answer = c.prepareStatement("INSERT INTO answer (response_id, link_id, value_system, value_code, value_display, answered_at) VALUES (?, ?, 'http://loinc.org', 'LA6569-3', 'Several days', ?)")) {
                String[] path = {"EXPECTED", "ARRIVED", "READY", "SEATED", "INFUSING", "RECOVERING", "DISCHARGED"};
                String[] items = {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"};
                for (int i = 1; i <= visits; i++) {
                    Timestamp at = Timestamp.from(start.plusSeconds(i % 36_000));
                    patient.setLong(1, i);
                    patient.setString(2, "P" + i);
                    patient.setString(3, "Pat" + i);
                    patient.setString(4, "Number" + i);
                    patient.setTimestamp(5, at);
                    patient.setTimestamp(6, at);
                    patient.addBatch();
                    appointment.setLong(1, i);
                    appointment.setString(2, "A" + i);
                    appointment.setLong(3, i);
                    appointment.setTimestamp(4, at);
                    appointment.setTimestamp(5, at);
                    appointment.setTimestamp(6, at);
                    appointment.addBatch();
                    visit.setLong(1, i);
                    visit.setLong(2, i);
                    visit.setInt(3, i);
                    for (int p = 4; p <= 7; p++) {
                        visit.setTimestamp(p, at);
                    }
                    visit.addBatch();
                    for (int t = 1; t < path.length; t++) {
                        transition.setLong(1, i);
                        transition.setString(2, path[t - 1]);
                        transition.setString(3, path[t]);
                        transition.setTimestamp(4, Timestamp.from(at.toInstant().plusSeconds(600L * t)));
                        transition.addBatch();
                    }
                    for (String phase : new String[] {"before", "after"}) {
                        vital.setLong(1, i);
                        vital.setTimestamp(2, at);
                        vital.setString(3, phase);
                        vital.addBatch();
                    }
                    medication.setLong(1, i);
                    medication.setTimestamp(2, at);
                    medication.setTimestamp(3, Timestamp.from(at.toInstant().plusSeconds(2400)));
                    medication.setTimestamp(4, Timestamp.from(at.toInstant().plusSeconds(3000)));
                    medication.addBatch();
                    response.setLong(1, i);
                    response.setLong(2, i);
                    response.setTimestamp(3, at);
                    response.setTimestamp(4, at);
                    response.addBatch();
                    for (String item : items) {
                        answer.setLong(1, i);
                        answer.setString(2, item);
                        answer.setTimestamp(3, at);
                        answer.addBatch();
                    }
                    if (i % 1000 == 0 || i == visits) {
                        for (PreparedStatement s : List.of(patient, appointment, visit, transition, vital, medication, response, answer)) {
                            s.executeBatch();
                        }
                        c.commit();
                    }
                }
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return data;
    }

    private static Map<String, String> env(Path data) {
        return Map.of("KIOSK_DATA_DIR", data.toString(), "KIOSK_CONFIG_DIR", TestApp.shippedConfig().toString());
    }

    private static void assertComplete(Path folder) throws Exception {
        JsonNode manifest = JSON.readTree(folder.resolve("manifest.json").toFile());
        assertEquals(DAY, manifest.path("date").asText());
        for (JsonNode file : manifest.path("files")) {
            Path path = folder.resolve(file.path("path").asText());
            assertEquals(file.path("bytes").asLong(), Files.size(path));
            assertEquals(file.path("sha256").asText(), HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path))));
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_crash_in_the_middle_of_an_export_leaves_no_partial_folder_and_a_rerun_writes_one_complete_export() throws Exception {
        Path data = dataWith(3);
        Path drop = data.resolve("export");
        for (String point : new String[] {"mid-bundle", "after-bundle", "before-rename"}) {
            JarProcess crashed = JarProcess.run(List.of("-Dintake.export.haltAt=" + point), env(data), "export", "--date", DAY);
            assertEquals(86, crashed.exitCode(), point + ": " + crashed.output());
            assertFalse(Files.exists(drop.resolve(DAY)), point + ": no folder under its final name");
            assertTrue(names(drop).stream().anyMatch(n -> n.startsWith("." + DAY + ".partial-")), "the crash left its temporary folder");
        }
        JarProcess rerun = JarProcess.run(env(data), "export", "--date", DAY);
        assertEquals(0, rerun.exitCode(), rerun.output());
        assertTrue(rerun.output().contains("Exported 3 appointments"), rerun.output());
        assertEquals(List.of(DAY), names(drop), "one complete export, nothing else");
        assertComplete(drop.resolve(DAY));
        assertEquals(1, clinic.kiosk.support.FhirCheck.assertAllValid(drop));
        // A crash while replacing an existing export leaves the complete earlier one in place.
        JarProcess again = JarProcess.run(List.of("-Dintake.export.haltAt=before-rename"), env(data), "export", "--date", DAY);
        assertEquals(86, again.exitCode());
        assertComplete(drop.resolve(DAY));
    }

    @Test
    void the_command_line_hands_the_export_to_a_running_server_and_never_opens_its_database() throws Exception {
        Path data = dataWith(5);
        int port = JarProcess.freePort();
        Map<String, String> env = new java.util.HashMap<>(JarProcess.env(data, port));
        try (JarProcess server = JarProcess.start(env, port, "serve").awaitHealthy()) {
            Path out = TestApp.tempDir("export-out");
            JarProcess command = JarProcess.run(env(data), "export", "--date", DAY, "--out", out.toString());
            assertEquals(0, command.exitCode(), command.output());
            assertTrue(command.output().contains("A server is running") && command.output().contains("Exported 5 appointments"),
                    command.output());
            assertComplete(out.resolve(DAY));
            assertEquals(1, clinic.kiosk.support.FhirCheck.assertAllValid(out));
            JarProcess notEmpty = JarProcess.run(env(data), "export", "--date", DAY, "--out", out.toString());
            assertEquals(1, notEmpty.exitCode());
            assertTrue(notEmpty.output().contains("is not empty"), notEmpty.output());
            server.awaitHealthy();
        }
    }

    @Test
    void ten_thousand_visits_export_within_the_heap_scripts_run_sets() throws Exception {
        Instant built = Instant.now();
        Path data = dataWith(10_000);
        System.out.println("10,000 visits stored in " + Duration.between(built, Instant.now()).toSeconds() + " s");
        Path out = TestApp.tempDir("export-10k");
        Instant start = Instant.now();
        JarProcess command = JarProcess.run(List.of("-XX:+ExitOnOutOfMemoryError"), env(data), "export", "--date", DAY,
                "--out", out.resolve("x").toString());
        System.out.println("10,000 visits exported with -Xmx256m in " + Duration.between(start, Instant.now()).toSeconds() + " s");
        assertEquals(0, command.exitCode(), command.output());
        assertTrue(command.output().contains("Exported 10000 appointments"), command.output());
        Path folder = out.resolve("x").resolve(DAY);
        JsonNode counts = JSON.readTree(folder.resolve("manifest.json").toFile()).path("counts");
        assertEquals(10_000, counts.path("Encounter").asInt());
        assertEquals(10_000, counts.path("QuestionnaireResponse").asInt());
        assertEquals(10_000 * 15, counts.path("Observation").asInt(),
                "a score and two readings of seven (blood pressure, heart rate, SpO2, respiratory rate, RASS, dissociation, weight)");
        assertEquals(10_000, counts.path("MedicationAdministration").asInt());
        System.out.println("bundle.json: " + Files.size(folder.resolve("bundle.json")) / (1024 * 1024) + " MB");
        assertComplete(folder);
    }
}
