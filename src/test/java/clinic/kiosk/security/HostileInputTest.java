package clinic.kiosk.security;

import clinic.kiosk.support.FhirCheck;
import clinic.kiosk.support.Screener;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static clinic.kiosk.support.Screener.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile-input suite: script, SQL and Unicode payloads from {@code security/*.txt} typed into every kind of
 * field and imported through the schedule, then every screen that shows them read back (kiosk, board, visit page,
 * chair sheet, lobby, appointments, audit, staff and device lists, discharge instructions, the consent PDF, the CSV
 * and the FHIR export). Script renders as text, SQL is stored as text, a name is stored exactly and matched as a
 * person would mean it.
 */
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What must never appear in a page: a payload's tag as markup. */
    private static final List<String> MARKUP = List.of("<script>alert", "<img src=x onerror", "<svg onload", "<iframe src=javascript");
    private TestApp app;

    static List<String> payloads(String file) throws IOException {
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/security/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(HostileInputTest::unescape).toList();
        }
    }

    /** Decodes the {@code \\uXXXX} escapes of the payload files. */
    static String unescape(String s) {
        Matcher m = Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString();
    }

    @BeforeEach
    void start() {
        app = TestApp.start();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private void importCsv(String csv) {
        HttpResponse<String> r = app.admin().upload("/desk/schedule", "file", "schedule.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(303, r.statusCode(), r.body());
    }

    private static String csvCell(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static void assertNoMarkup(String where, String body) {
        for (String m : MARKUP) {
            assertFalse(body.contains(m), where + " shows " + m + " as markup");
        }
    }

    private static String first(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertTrue(m.find(), regex);
        return m.group(1);
    }

    private Path awaitExport(String date) throws Exception {
        Path manifest = app.dataDir.resolve("export").resolve(date).resolve("manifest.json");
        Instant until = Instant.now().plusSeconds(90);
        while (!Files.exists(manifest)) {
            assertTrue(Instant.now().isBefore(until), "no export of " + date);
            Thread.sleep(200);
        }
        return manifest.getParent();
    }

    @Test
    void script_typed_or_imported_anywhere_renders_as_text_on_every_screen_the_pdf_the_csv_and_the_fhir_export() throws Exception {
        List<String> xss = payloads("xss.txt");
        String first = xss.get(0);   // <script>alert(1)</script>
        String last = xss.get(2);    // "><svg onload=alert(1)>
        String contact = xss.get(1); // <img src=x onerror=alert(1)>
        importCsv("appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone,"
                + "emergency_contact_name,emergency_contact_phone\n"
                + "A1,P1," + csvCell(first) + "," + csvCell(last) + ",1985-03-14,2026-11-26T10:30,consult,555-0101,"
                + csvCell(contact) + ",555-0142\n"
                + "A2,P2," + csvCell("=HYPERLINK(\"http://evil\")") + "," + csvCell("@SUM(A1)") + ",1970-01-01,2026-11-26T11:00,consult,555-0102,,\n");
        WebClient admin = app.admin();
        HttpResponse<String> staff = admin.post("/admin/staff", Map.of("username", "nurse1", "displayName", xss.get(3), "role", "nurse"));
        assertEquals(200, staff.statusCode());
        assertNoMarkup("the new account page", staff.body());
        WebClient tablet = app.device(xss.get(2), "kiosk");

        // The patient checks in, typing the names as on file, with script in every free-text answer.
        String welcome = location(Screener.identify(tablet, first, last, "3", "14", "1985"));
        assertEquals("/kiosk/step/contact", welcome);
        assertNoMarkup("the contact step", tablet.get(welcome).body());
        String next = location(tablet.post(welcome, Map.of("phone", "555-0101")));
        Map<String, String> answers = new HashMap<>();
        answers.put("other-allergies", contact);
        answers.put("psychiatric-medicines", xss.get(3) + " " + xss.get(4));
        answers.put("typedName", first + " " + last);
        assertEquals("/kiosk/done", Screener.finish(tablet, next, answers));
        assertNoMarkup("the done page", tablet.get("/kiosk/done").body());

        WebClient nurse = app.staff("nina", "nurse");
        String board = nurse.get("/desk").body();
        assertTrue(board.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is shown, as text");
        long visit = Long.parseLong(first(board, "href=\"/desk/visits/(\\d+)\">"));
        nurse.post("/desk/visits/" + visit + "/seat", Map.of("place", "consult-room"));
        List<String> staffPages = List.of("/desk", "/desk/board/columns", "/desk/visits/" + visit, "/desk/visits/" + visit + "/chair",
                "/desk/visits/" + visit + "/instructions", "/desk/appointments?date=2026-11-26", "/desk/end-of-day",
                "/desk/appointments/" + first(board, "id=\"card-(\\d+)\"") + "/cancel");
        for (String page : staffPages) {
            HttpResponse<String> r = nurse.get(page);
            assertTrue(r.statusCode() < 500, page);
            assertNoMarkup(page, r.body());
        }
        String sheet = nurse.get("/desk/visits/" + visit + "/chair").body();
        assertTrue(sheet.contains("&lt;img src=x onerror=alert(1)&gt;, 555-0142"), "the emergency contact, as text");
        for (String page : List.of("/admin/staff", "/admin/devices", "/admin/audit", "/admin/audit?patient=" + enc(first),
                "/admin", "/admin/export", "/desk/schedule")) {
            HttpResponse<String> r = admin.get(page);
            assertTrue(r.statusCode() < 500, page);
            assertNoMarkup(page, r.body());
        }
        assertNoMarkup("the lobby", app.device("Lobby", "lobby").get("/lobby").body());

        // The consent PDF holds the typed name as text and nothing that runs.
        String visitPage = nurse.get("/desk/visits/" + visit).body();
        String pdfPath = first(visitPage, "href=\"(/desk/consents/\\d+/pdf)\"");
        HttpResponse<byte[]> pdf = nurse.sendBytes(pdfPath);
        assertEquals(200, pdf.statusCode());
        String raw = new String(pdf.body(), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("/JavaScript") || raw.contains("/JS ") || raw.contains("/OpenAction"), "no script in the PDF");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains(first + " " + last), text);
        }

        // The export the next night: the FHIR bundle carries the names exactly, the CSV defuses formulas.
        app.clock.set(Instant.parse("2026-11-27T07:31:00Z"));
        Path day = awaitExport("2026-11-26");
        String bundle = Files.readString(day.resolve("bundle.json"));
        assertEquals(List.of(), FhirCheck.errors(bundle));
        List<String> families = new ArrayList<>();
        for (JsonNode e : JSON.readTree(bundle).path("entry")) {
            if (e.path("resource").path("resourceType").asText().equals("Patient")) {
                families.add(e.path("resource").path("name").path(0).path("family").asText());
            }
        }
        assertTrue(families.contains(last), "stored and exported exactly: " + families);
        String csv = Files.readString(day.resolve("visits.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\"") && csv.contains("'@SUM(A1)"), csv);
        assertFalse(csv.contains(",=HYPERLINK") || csv.contains(",@SUM"), csv);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void sql_in_names_fields_and_every_filter_is_text_and_o_brien_checks_in() throws Exception {
        List<String> sql = payloads("sql.txt");
        StringBuilder csv = new StringBuilder("appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone\n");
        for (int i = 0; i < sql.size(); i++) {
            csv.append("S").append(i).append(",SP").append(i).append(",Pat,").append(csvCell(sql.get(i)))
                    .append(",1980-01-0").append(i + 1).append(",2026-11-26T1").append(i).append(":00,infusion,\n");
        }
        importCsv(csv.toString());
        WebClient admin = app.admin();
        String appointments = admin.get("/desk/appointments?date=2026-11-26").body();
        for (String s : sql) {
            assertTrue(appointments.contains(org.unbescape.html.HtmlEscape.escapeHtml4Xml(s)), "stored as text: " + s);
        }
        Map<String, Long> before = counts();
        for (String s : sql) {
            for (String path : List.of("/desk/appointments?date=" + enc(s), "/admin/audit?patient=" + enc(s),
                    "/admin/audit?who=" + enc(s), "/admin/audit?action=" + enc(s), "/admin/audit?date=" + enc(s),
                    "/desk?notice=" + enc(s) + "&ticket=" + enc(s), "/desk/visits/" + enc(s), "/desk/consents/" + enc(s) + "/pdf")) {
                HttpResponse<String> r = admin.fresh().get(path); // new connections: a refused path may close one
                assertTrue(r.statusCode() < 500, path + ": " + r.statusCode());
            }
            assertTrue(countOf(admin.get("/admin/audit?patient=" + enc(s)).body()) >= 0, "the filter ran as a value: " + s);
        }
        assertEquals(before, counts(), "nothing dropped, nothing added");
        WebClient tablet = app.tablet("Tablet 1");
        assertEquals("/kiosk/step/contact", location(Screener.identify(tablet, "Pat", "o'brien", "1", "6", "1980")),
                "O'Brien checks in, typed in lower case");
    }

    /** "12 matching entries": the audit page's count. */
    private static int countOf(String auditPage) {
        Matcher m = Pattern.compile("(\\d+) matching entries").matcher(auditPage);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private Map<String, Long> counts() {
        return app.app.database().jdbi().withHandle(h -> {
            Map<String, Long> c = new LinkedHashMap<>();
            for (String t : List.of("patient", "appointment", "staff", "device", "visit")) {
                c.put(t, h.createQuery("SELECT COUNT(*) FROM " + t).mapTo(Long.class).one());
            }
            return c;
        });
    }

    @Test
    void unicode_names_are_stored_exactly_shown_isolated_and_matched_as_typed() throws Exception {
        List<String> lines = payloads("unicode.txt");
        StringBuilder csv = new StringBuilder("appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone\n");
        for (int i = 0; i < lines.size(); i++) {
            String onFile = lines.get(i).split("\t")[0];
            csv.append("U").append(i).append(",UP").append(i).append(",").append(csvCell(onFile)).append(",Tester")
                    .append(",1990-02-0").append(i + 1).append(",2026-11-26T1").append(i).append(":30,infusion,\n");
        }
        importCsv(csv.toString());
        for (int i = 0; i < lines.size(); i++) {
            String[] pair = lines.get(i).split("\t");
            WebClient tablet = app.tablet("Tablet " + i);
            assertEquals("/kiosk/step/contact", location(Screener.identify(tablet, pair[1], "tester", "2", Integer.toString(i + 1), "1990")),
                    "'" + pair[1] + "' finds '" + pair[0] + "'");
        }
        String stored = app.app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT first_name FROM patient WHERE external_id = 'UP3'").mapTo(String.class).one());
        assertEquals(lines.get(3).split("\t")[0], stored, "stored exactly, the override character too");
        String after = app.admin().get("/desk").body();
        assertTrue(after.contains("\u2068Tester, Rivera\u202eevil\u2069"), "a right-to-left override turns only its own name around");
        assertFalse(after.replace("\u2068Tester, Rivera\u202eevil\u2069", "").contains("\u202e"), "never outside its isolate");
        assertTrue(after.contains("Ana \ud83c\udf3b") && after.contains("Jos\u00e9 N\u00fa\u00f1ez"), "emoji and accents as on file");
    }

    @Test
    void script_in_the_desks_and_the_nurses_fields_renders_as_text_and_goes_out_exactly() throws Exception {
        app.close();
        java.nio.file.Path config = TestApp.configWith(y -> y.replaceAll("steps: \\[identify, contact, [^\\]]*\\]", "steps: [identify, contact]")
                .replace("walk_ins: false", "walk_ins: true"));
        app = TestApp.start(s -> new clinic.kiosk.app.App.Settings(s.port(), s.dataDir(), config, s.demo(), s.requireEnrollment(),
                s.adminPassword(), s.passwordIterations(), s.clock(), s.console()));
        List<String> xss = payloads("xss.txt");
        WebClient desk = app.staff("dora", "desk");
        // A walk-in with script for names, entered at the desk.
        assertEquals("/desk?notice=walk_in", location(desk.post("/desk/walk-ins", Map.of("firstName", xss.get(0),
                "lastName", xss.get(2), "dob-month", "3", "dob-day", "14", "dob-year", "1985", "visitType", "infusion"))));
        app.importSchedule("A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n");
        WebClient tablet = app.tablet("Tablet 1");
        String contact = location(Screener.identify(tablet, "Ana", "Rivera", "3", "14", "1985"));
        assertEquals("/kiosk/done", location(tablet.post(contact, Map.of("phone", "555-0101", "escortName", xss.get(1),
                "escortPhone", "555-0199", "plan", "stays"))));
        WebClient nurse = app.staff("nina", "nurse");
        long visit = Long.parseLong(first(nurse.get("/desk").body(), "href=\"/desk/visits/(\\d+)\">Rivera, Ana"));
        String v = "/desk/visits/" + visit;
        nurse.post(v + "/seat", Map.of("place", "chair-1"));
        nurse.post(v + "/vitals", Map.of("systolic", "124", "diastolic", "78", "heartRate", "72", "spo2", "98",
                "respiratoryRate", "14", "sedation", "0", "dissociation", "0", "weight", "70"));
        assertEquals(v + "/chair", location(nurse.post(v + "/iv-note", Map.of("ivNote", xss.get(3), "back", "sheet"))));
        assertEquals(v + "/chair", location(nurse.post(v + "/event", Map.of("kind", "other", "eventNote", xss.get(0), "back", "sheet"))));
        HttpResponse<String> badLot = nurse.post(v + "/medication", Map.of("medication", "ketamine", "dose", xss.get(4),
                "lot", xss.get(1), "preparedBy", xss.get(2), "back", "sheet"));
        assertEquals(422, badLot.statusCode(), "a script is no dose and no preparer");
        assertNoMarkup("the refused medication form", badLot.body());
        assertEquals(v + "/chair", location(nurse.post(v + "/hold", Map.of("holdReason", "other", "holdNote", xss.get(2), "back", "sheet"))));
        for (String page : List.of("/desk", "/desk/board/columns", v, v + "/chair", "/desk/end-of-day",
                "/desk/appointments?date=2026-11-26")) {
            HttpResponse<String> r = nurse.get(page);
            assertTrue(r.statusCode() < 500, page);
            assertNoMarkup(page, r.body());
        }
        assertTrue(nurse.get(v + "/chair").body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the event note, as text");
        app.clock.set(Instant.parse("2026-11-27T07:31:00Z"));
        Path day = awaitExport("2026-11-26");
        String bundle = Files.readString(day.resolve("bundle.json"));
        assertEquals(List.of(), FhirCheck.errors(bundle));
        boolean noteExact = false;
        for (JsonNode e : JSON.readTree(bundle).path("entry")) {
            JsonNode r = e.path("resource");
            if (r.path("resourceType").asText().equals("AdverseEvent")) {
                noteExact |= r.path("event").path("text").asText().endsWith(": " + xss.get(0));
            }
        }
        assertTrue(noteExact, "the in-chair event's note goes out exactly as typed");
        String csv = Files.readString(day.resolve("visits.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.contains(xss.get(3).replace("\"", "\"\"")), "the IV note in the CSV, as text");
    }
}
