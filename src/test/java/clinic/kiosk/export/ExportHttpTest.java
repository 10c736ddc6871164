package clinic.kiosk.export;

import clinic.kiosk.support.Screener;
import clinic.kiosk.support.FhirCheck;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static clinic.kiosk.support.Screener.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nightly export of a real day through the running app: a patient screened, consented, infused and
 * discharged, one who did not come; the drop folder as the main records find it the next morning.
 */
class ExportHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.start();
        app.importSchedule("""
                A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101
                A2,P2,Tran,Nguyen,1968-01-09,2026-11-26T11:00,infusion,555-0104
                """);
    }

    @AfterEach
    void stop() {
        FhirCheck.assertAllValid(app.dataDir.resolve("export")); // every bundle a test wrote is valid FHIR R4
        app.close();
    }

    /** Ana checks in at the tablet, answers everything, signs the consents; a nurse takes her through the infusion. */
    private void anasDay() {
        WebClient tablet = app.tablet("Tablet 1");
        assertEquals("/kiosk/step/contact", location(Screener.identify(tablet, "Ana", "Rivera", "3", "14", "1985")));
        String next = location(tablet.post("/kiosk/step/contact", Map.of("phone", "555-0101", "escortName", "Maria Rivera",
                "escortPhone", "555-0199", "plan", "stays")));
        assertEquals("/kiosk/done", Screener.finish(tablet, next, Map.of()));
        WebClient nurse = app.staff("nina", "nurse");
        Matcher m = Pattern.compile("/desk/visits/(\\d+)").matcher(nurse.get("/desk").body());
        assertTrue(m.find());
        String visit = "/desk/visits/" + m.group(1);
        nurse.post(visit + "/seat", Map.of("place", "chair-2"));
        nurse.post(visit + "/vitals", Map.of("systolic", "146", "diastolic", "82", "heartRate", "72", "spo2", "98",
                "respiratoryRate", "14", "sedation", "0", "dissociation", "0", "weight", "70.5"));
        app.staff("drlee", "clinician").post(visit + "/override", Map.of("overrideReason", "usual for her, repeat 138/84"));
        nurse.post(visit + "/medication", Map.of("medication", "ketamine", "dose", "0.5", "lot", "KET-2291",
                "preparedBy", "drlee clinician"));
        assertEquals(303, nurse.post(visit + "/start", Map.of()).statusCode());
        app.clock.advance(Duration.ofMinutes(10));
        nurse.post(visit + "/vitals", Map.of("systolic", "138", "diastolic", "88", "heartRate", "80", "spo2", "97",
                "respiratoryRate", "12", "sedation", "-1", "dissociation", "2", "weight", ""));
        nurse.post(visit + "/event", Map.of("kind", "emergence_reaction", "eventNote", "reassured, settled in 5 min"));
        assertEquals(303, nurse.post(visit + "/medication", Map.of("medication", "ondansetron", "dose", "4", "lot", "OND-77",
                "preparedBy", "nina nurse")).statusCode());
        app.clock.advance(Duration.ofMinutes(10));
        nurse.post(visit + "/end", Map.of());
        for (int i = 0; i < 3; i++) { // observed 30 minutes, the nurse on the board
            app.clock.advance(Duration.ofMinutes(10));
            nurse.get("/desk");
        }
        nurse.post(visit + "/vitals", Map.of("systolic", "128", "diastolic", "80", "heartRate", "70", "spo2", "98",
                "respiratoryRate", "14", "sedation", "0", "dissociation", "0", "weight", ""));
        assertEquals(303, nurse.postPairs(visit + "/discharge", "criteria", "walking", "criteria", "nausea",
                "criteria", "oriented", "criteria", "instructions", "escort", "given").statusCode());
    }

    private Path day(String date) {
        return app.dataDir.resolve("export").resolve(date);
    }

    /** Waits (generously) for a folder's manifest: the scheduler looks every two seconds. */
    private static JsonNode awaitManifest(Path folder) throws Exception {
        Path manifest = folder.resolve("manifest.json");
        Instant until = Instant.now().plusSeconds(90);
        while (!Files.exists(manifest)) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("no export in " + folder);
            }
            Thread.sleep(200);
        }
        return JSON.readTree(manifest.toFile());
    }

    /** Keeps a copy under target/export-sample/ for a person to look at. */
    private static void keepSample(Path folder) throws IOException {
        Path sample = Path.of("target", "export-sample");
        TestApp.deleteTree(sample);
        try (var files = Files.walk(folder)) {
            for (Path f : files.toList()) {
                Path to = sample.resolve(folder.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(ExportFolder.digest("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void the_next_night_the_day_goes_out_complete_valid_and_described_by_its_manifest() throws Exception {
        anasDay();
        app.clock.set(Instant.parse("2026-11-27T07:31:00Z")); // 2:31 am in New York
        JsonNode manifest = awaitManifest(day("2026-11-26"));
        keepSample(day("2026-11-26"));
        assertEquals("2026-11-26", manifest.path("date").asText());
        assertEquals("2026-11-27T07:31:00Z", manifest.path("generatedAt").asText());
        assertFalse(manifest.path("appVersion").asText().isEmpty());
        for (JsonNode file : manifest.path("files")) {
            Path path = day("2026-11-26").resolve(file.path("path").asText());
            assertEquals(Files.size(path), file.path("bytes").asLong(), file.toString());
            assertEquals(sha256(path), file.path("sha256").asText(), file.toString());
        }
        List<String> paths = JSON.convertValue(manifest.path("files").findValues("path"), List.class).stream().map(Object::toString).toList();
        assertTrue(paths.contains("bundle.json") && paths.contains("visits.csv"), paths.toString());
        assertEquals(3, paths.stream().filter(p -> p.startsWith("consents/")).count(), "the three signed PDFs: " + paths);

        String bundle = Files.readString(day("2026-11-26").resolve("bundle.json"));
        List<String> errors = FhirCheck.errors(bundle);
        assertEquals(List.of(), errors, "bundle.json validates against base FHIR R4");
        JsonNode counts = manifest.path("counts");
        assertEquals(2, counts.path("Patient").asInt());
        assertEquals(2, counts.path("Appointment").asInt());
        assertEquals(1, counts.path("Encounter").asInt(), "Tran never came: an appointment, no encounter");
        assertEquals(3, counts.path("Consent").asInt());
        assertEquals(1, counts.path("AdverseEvent").asInt());
        assertTrue(counts.path("QuestionnaireResponse").asInt() >= 4, counts.toString());

        String csv = Files.readString(day("2026-11-26").resolve("visits.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("business_date,ticket,appointment_id"), csv);
        assertTrue(csv.contains("Rivera,Ana,1985-03-14,Infusion"), csv);
        assertTrue(csv.contains("DISCHARGED") && csv.contains("Chair 2") && csv.contains("146/82 HR 72 SpO2 98% RR 14 RASS 0 dissociation 0"), csv);
        assertTrue(csv.contains("Ketamine hydrochloride 0.5 mg/kg × 70.5 kg = 35.3 mg IV over 40 min, lot KET-2291, prepared by drlee clinician, given by nina"), csv);
        assertTrue(csv.contains("criteria met; home with Maria Rivera (as given); by nina"), csv);
        assertEquals(2, counts.path("MedicationAdministration").asInt(), "the infusion and the ondansetron");
        JsonNode resources = JSON.readTree(bundle).path("entry");
        JsonNode infusion = null;
        JsonNode encounter = null;
        List<String> codes = new java.util.ArrayList<>();
        for (JsonNode e : resources) {
            JsonNode r = e.path("resource");
            if (r.path("resourceType").asText().equals("MedicationAdministration")
                    && r.path("contained").path(0).path("code").path("coding").path(0).path("code").asText().equals("6130")) {
                infusion = r;
            }
            if (r.path("resourceType").asText().equals("Encounter")) {
                encounter = r;
            }
            if (r.path("resourceType").asText().equals("Observation")) {
                codes.add(r.path("code").path("coding").path(0).path("code").asText());
            }
        }
        assertTrue(infusion != null, "the ketamine infusion, coded RxNorm 6130");
        assertEquals("completed", infusion.path("status").asText());
        assertEquals("KET-2291", infusion.path("contained").path(0).path("batch").path("lotNumber").asText());
        assertEquals(35.3, infusion.path("dosage").path("dose").path("value").asDouble());
        assertEquals("mg", infusion.path("dosage").path("dose").path("code").asText());
        assertEquals(40, infusion.path("dosage").path("rateRatio").path("denominator").path("value").asInt());
        assertEquals("0.5 mg/kg × 70.5 kg = 35.3 mg IV over 40 min", infusion.path("dosage").path("text").asText());
        assertTrue(infusion.path("effectivePeriod").has("start") && infusion.path("effectivePeriod").has("end"));
        assertEquals("staff nina", infusion.path("performer").path(0).path("actor").path("display").asText());
        assertEquals("staff drlee clinician", infusion.path("performer").path(1).path("actor").path("display").asText());
        assertEquals("home", encounter.path("hospitalization").path("dischargeDisposition").path("coding").path(0).path("code").asText());
        assertEquals(3, codes.stream().filter("9279-1"::equals).count(), "a respiratory rate with each of the three readings");
        assertEquals(3, codes.stream().filter("rass"::equals).count());
        assertEquals(3, codes.stream().filter("dissociation"::equals).count());
        assertTrue(bundle.contains("discharged home with Maria Rivera; criteria: observation met"), "who discharged and each criterion");
        assertTrue(bundle.contains("blood pressure above the hold threshold overridden: usual for her, repeat 138/84"),
                "the override is a Provenance of the encounter");
        assertEquals(9, counts.path("Provenance").asInt(), "4 responses, 3 consents, 1 override, 1 discharge");
        assertTrue(csv.contains("Nguyen,Tran,1968-01-09,Infusion") && csv.contains(",EXPECTED,"), csv);
    }

    @Test
    void a_missing_drop_folder_puts_a_red_banner_on_every_board_until_a_retry_succeeds() throws Exception {
        app.close();
        Path drop = TestApp.tempDir("drop").resolve("not-yet");
        Path config = TestApp.configWith(y -> y.replace("folder: export ", "folder: " + drop + " "));
        app = TestApp.start(s -> new clinic.kiosk.app.App.Settings(s.port(), s.dataDir(), config, s.demo(),
                s.requireEnrollment(), s.adminPassword(), s.passwordIterations(), s.clock(), s.console()));
        app.importSchedule("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n");
        app.clock.set(Instant.parse("2026-11-27T07:31:00Z"));
        WebClient admin = app.admin();
        String banner = "Export for 2026-11-26 failed: the folder " + drop + " does not exist";
        Instant until = Instant.now().plusSeconds(60);
        while (!admin.get("/desk/board/columns").body().contains(banner)) {
            assertTrue(Instant.now().isBefore(until), "no banner");
            Thread.sleep(200);
        }
        WebClient desk = app.staff("dan", "desk");
        assertTrue(desk.get("/desk").body().contains(banner), "every board, every role");
        String health = app.client().get("/health").body();
        assertTrue(health.contains("\"exportFailures\":1") && health.contains("\"status\":\"failed\""), health);
        assertTrue(admin.get("/admin/export").body().contains(banner));

        Files.createDirectories(drop);
        app.clock.advance(Duration.ofMinutes(14));
        Thread.sleep(3000); // the scheduler looks every 2 seconds: nothing may happen before the retry time
        assertFalse(Files.exists(drop.resolve("2026-11-26")), "not before the retry time");
        app.clock.advance(Duration.ofMinutes(2));
        awaitManifest(drop.resolve("2026-11-26"));
        assertEquals(1, FhirCheck.assertAllValid(drop));
        admin = app.admin();
        until = Instant.now().plusSeconds(30);
        while (admin.get("/desk/board/columns").body().contains("failed")) {
            assertTrue(Instant.now().isBefore(until), "the banner stays");
            Thread.sleep(200);
        }
        assertTrue(app.client().get("/health").body().contains("\"exportFailures\":0"));
    }

    @Test
    void an_admin_exports_a_day_again_on_request_and_others_may_not() throws Exception {
        app.clock.set(Instant.parse("2026-11-27T07:31:00Z"));
        awaitManifest(day("2026-11-26"));
        WebClient admin = app.admin();
        String page = admin.get("/admin/export").body();
        assertTrue(page.contains("2026-11-26") && page.contains(app.dataDir.resolve("export").toString()), page);
        HttpResponse<String> bad = admin.post("/admin/export", Map.of("date", "tomorrow"));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("Enter a day up to today"));
        app.clock.advance(Duration.ofHours(1));
        admin = app.admin(); // signed out after 15 idle minutes
        assertEquals("/admin/export?notice=ok", location(admin.post("/admin/export", Map.of("date", "2026-11-26"))));
        assertEquals("2026-11-27T08:31:00Z", JSON.readTree(day("2026-11-26").resolve("manifest.json").toFile())
                .path("generatedAt").asText(), "replaced");
        assertTrue(admin.get("/admin/audit?action=export").body().contains("export.day"));
        for (String role : new String[] {"nurse", "desk"}) {
            WebClient other = app.staff(role + "1", role);
            assertEquals(403, other.get("/admin/export").statusCode());
            assertEquals(403, other.post("/admin/export", Map.of("date", "2026-11-26")).statusCode());
        }
    }
}
