package clinic.kiosk.consent;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.ConfigException;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.db.Database;
import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.Screener;
import clinic.kiosk.support.TestApp;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsentTest {
    private final KioskConfig config = ConfigLoader.load(TestApp.shippedConfig());
    private final MutableClock clock = MutableClock.standard();
    private Database db;
    private ConsentService consents;
    private long patient;

    @BeforeEach
    void open() {
        db = Database.open(TestApp.tempDir("consents"), clock);
        consents = new ConsentService(db.jdbi(), new AuditLog(db.jdbi(), clock), new ClinicTime(clock, ZoneId.of("America/New_York")),
                ConsentCatalog.load(TestApp.shippedConfig(), config));
        patient = db.jdbi().withHandle(h -> h.createUpdate("""
                INSERT INTO patient (external_id, first_name, last_name, date_of_birth, created_at, updated_at)
                VALUES ('P1', 'Ana', 'Rivera', DATE '1985-03-14', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                """).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A visit of the patient (its own appointment), in a course. */
    private ConsentService.Signer visit(String course) {
        long appointment = db.jdbi().withHandle(h -> h.createUpdate("""
                INSERT INTO appointment (patient_id, starts_at, visit_type, status, course_id, created_at, updated_at)
                VALUES (:p, CURRENT_TIMESTAMP, 'infusion', 'booked', :c, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                """).bind("p", patient).bind("c", course).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        long visit = db.jdbi().withHandle(h -> h.createUpdate("""
                INSERT INTO visit (appointment_id, visit_date, state, updated_at) VALUES (:a, DATE '2026-11-26', 'ARRIVED', CURRENT_TIMESTAMP)
                """).bind("a", appointment).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new ConsentService.Signer(patient, visit, "infusion", course, "Ana", "Rivera", "visit " + visit);
    }

    private List<String> due(ConsentService.Signer s) {
        return consents.due(s).stream().map(d -> d.document().id()).toList();
    }

    private void signAll(ConsentService.Signer s) {
        for (ConsentService.Due d : consents.due(s)) {
            assertEquals(List.of(), consents.sign(s, d.document(), true, "Ana Rivera", Screener.signature(), Actor.system()));
        }
    }

    private int stored() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM consent_signature").mapTo(Integer.class).one());
    }

    @Test
    void the_shipped_consents_load_as_templates() {
        List<ConsentDocument> docs = consents.catalog().documents();
        assertEquals(List.of("financial-policy", "ketamine-infusion", "privacy-notice"), docs.stream().map(ConsentDocument::id).toList());
        assertTrue(docs.stream().allMatch(ConsentDocument::template));
        ConsentDocument ketamine = consents.catalog().document("ketamine-infusion").orElseThrow();
        for (String element : List.of("off-label", "dissociation", "nausea", "blood pressure", "misused", "bladder", "liver",
                "Other choices", "benefit may be temporary", "must not drive", "pregnant", "withdraw")) {
            assertTrue(ketamine.html().toLowerCase().contains(element.toLowerCase()), element);
        }
    }

    @Test
    void the_hash_is_stable_for_the_same_text_and_changed_by_any_character() throws IOException {
        Path dir = TestApp.configWith(y -> y);
        Path file = dir.resolve("consents/privacy-notice.md");
        String first = ConsentCatalog.read(file, config).sha256();
        assertEquals(first, ConsentCatalog.read(file, config).sha256());
        Files.writeString(file, Files.readString(file).replace("Practices.", "Practices!"));
        assertNotEquals(first, ConsentCatalog.read(file, config).sha256());
        Files.writeString(file, Files.readString(file).replace("Practices!", "Practices."));
        assertEquals(first, ConsentCatalog.read(file, config).sha256());
    }

    @Test
    void raw_html_in_a_consent_is_shown_as_text_not_run() throws IOException {
        Path dir = TestApp.configWith(y -> y);
        Path file = dir.resolve("consents/privacy-notice.md");
        Files.writeString(file, Files.readString(file) + "\n<script>alert(1)</script>\n");
        String html = ConsentCatalog.read(file, config).html();
        assertFalse(html.contains("<script>"));
        assertTrue(html.contains("&lt;script&gt;"));
    }

    @Test
    void a_broken_header_or_an_unknown_visit_type_stops_start_up_with_the_file_named() throws IOException {
        Path dir = TestApp.configWith(y -> y);
        Path file = dir.resolve("consents/privacy-notice.md");
        Files.writeString(file, Files.readString(file).replace("visit_types: [consult, infusion, booster]", "visit_types: [consult, tattoo]"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConsentCatalog.load(dir, config));
        assertTrue(e.getMessage().contains("privacy-notice.md: visit_types[1]: unknown visit type 'tattoo'"), e.getMessage());
        Files.writeString(file, "no header here\n");
        ConfigException e2 = assertThrows(ConfigException.class, () -> ConsentCatalog.load(dir, config));
        assertTrue(e2.getMessage().contains("privacy-notice.md: must start with a header"), e2.getMessage());
    }

    @Test
    void once_per_course_and_every_n_days() {
        ConsentService.Signer first = visit("C1");
        assertEquals(List.of("financial-policy", "ketamine-infusion", "privacy-notice"), due(first));
        signAll(first);
        assertEquals(List.of(), due(first));
        clock.advance(Duration.ofDays(3));
        assertEquals(List.of(), due(visit("C1")), "same course: all still valid");
        assertEquals(List.of("ketamine-infusion"), due(visit("C2")), "a new course: the treatment consent again");
        clock.advance(Duration.ofDays(363));
        assertEquals(List.of("financial-policy", "ketamine-infusion"), due(visit("C2")), "a year on: the financial policy again");
    }

    @Test
    void a_new_version_or_a_voided_signature_asks_again() throws IOException {
        ConsentService.Signer first = visit("C1");
        signAll(first);
        long npp = consents.signatures(patient).stream().filter(s -> s.consentId().equals("privacy-notice")).findFirst().orElseThrow().id();
        assertTrue(consents.voidSignature(npp, Actor.staff(1, "nina"), "signed the wrong form", null));
        List<ConsentService.Due> after = consents.due(visit("C1"));
        assertEquals(List.of("privacy-notice"), after.stream().map(d -> d.document().id()).toList());
        assertTrue(after.get(0).again());

        Path dir = TestApp.configWith(y -> y);
        Path file = dir.resolve("consents/financial-policy.md");
        Files.writeString(file, Files.readString(file).replace("version: 1", "version: 2"));
        ConsentService newer = new ConsentService(db.jdbi(), new AuditLog(db.jdbi(), clock),
                new ClinicTime(clock, ZoneId.of("America/New_York")), ConsentCatalog.load(dir, config));
        assertTrue(newer.due(visit("C1")).stream().anyMatch(d -> d.document().id().equals("financial-policy") && d.again()));
    }

    @Test
    void each_bad_signature_and_a_name_mismatch_store_nothing() throws IOException {
        ConsentService.Signer s = visit("C1");
        ConsentDocument doc = consents.catalog().document("privacy-notice").orElseThrow();
        String good = Screener.signature();
        assertEquals(List.of(ConsentService.Problem.AGREEMENT), consents.sign(s, doc, false, "Ana Rivera", good, Actor.system()));
        assertEquals(List.of(ConsentService.Problem.NAME_MISMATCH), consents.sign(s, doc, true, "Anna Rivera", good, Actor.system()));
        assertEquals(List.of(ConsentService.Problem.NAME_MISSING), consents.sign(s, doc, true, " ", good, Actor.system()));
        assertEquals(List.of(ConsentService.Problem.SIGNATURE_MISSING), consents.sign(s, doc, true, "Ana Rivera", "", Actor.system()));
        assertEquals(List.of(ConsentService.Problem.NOT_PNG), consents.sign(s, doc, true, "Ana Rivera",
                "data:image/png;base64," + Base64.getEncoder().encodeToString("GIF89a not a png".getBytes()), Actor.system()));
        assertEquals(List.of(ConsentService.Problem.NOT_PNG), consents.sign(s, doc, true, "Ana Rivera", "data:image/jpeg;base64,AAAA", Actor.system()));
        assertEquals(List.of(ConsentService.Problem.BLANK), consents.sign(s, doc, true, "Ana Rivera", png(new BufferedImage(600, 200, BufferedImage.TYPE_INT_ARGB)), Actor.system()));
        BufferedImage noise = new BufferedImage(1400, 1400, BufferedImage.TYPE_INT_ARGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < noise.getHeight(); y++) {
            for (int x = 0; x < noise.getWidth(); x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        assertEquals(List.of(ConsentService.Problem.TOO_LARGE), consents.sign(s, doc, true, "Ana Rivera", png(noise), Actor.system()));
        assertEquals(0, stored());
        assertEquals(List.of(), consents.sign(s, doc, true, "  ana   RIVERA ", good, Actor.system()), "case and spacing do not matter");
        assertEquals(1, stored());
    }

    private static String png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Ana Rivera", "Lucía Gómez-Núñez", "Nguyễn Thị Minh Khai"})
    void the_pdf_holds_the_title_version_hash_and_typed_name(String name) throws IOException {
        ConsentDocument doc = consents.catalog().document("ketamine-infusion").orElseThrow();
        byte[] pdf = ConsentPdf.render(new ConsentPdf.Contents(doc.title(), doc.version(), doc.plainText(), doc.sha256(),
                null, name, "Nov 26, 2026 10:00 AM", "ticket K-01", "at the kiosk", doc.meaning()));
        try (PDDocument read = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(read);
            assertTrue(text.contains(doc.title()), text);
            assertTrue(text.contains("Version 1"));
            assertTrue(text.contains(doc.sha256()));
            assertTrue(text.contains(name), "the name renders: " + name);
            assertTrue(read.getNumberOfPages() >= 2, "the whole text, over pages");
            assertEquals(name, read.getDocumentInformation().getCustomMetadataValue("SignerName"));
        }
    }

    @Test
    void a_name_the_font_cannot_draw_does_not_break_the_pdf_and_is_kept_exactly() throws IOException {
        ConsentDocument doc = consents.catalog().document("privacy-notice").orElseThrow();
        String name = "王小明";
        byte[] pdf = ConsentPdf.render(new ConsentPdf.Contents(doc.title(), doc.version(), doc.plainText(), doc.sha256(),
                null, name, "Nov 26, 2026 10:00 AM", "ticket K-02", "at the kiosk", doc.meaning()));
        try (PDDocument read = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(read);
            assertTrue(text.contains("Name typed by the signer: ???"), text);
            assertEquals(name, read.getDocumentInformation().getCustomMetadataValue("SignerName"));
        }
    }
}
