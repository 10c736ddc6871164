package clinic.kiosk.desk;

import clinic.kiosk.config.ConfigException;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The discharge instructions: the clinic's Markdown in English and Spanish, checked at start-up, raw HTML escaped. */
class DischargeInstructionsTest {
    private static final KioskConfig CONFIG = ConfigLoader.load(TestApp.shippedConfig());

    @Test
    void the_shipped_text_is_in_english_and_spanish_and_marked_as_a_template() {
        DischargeInstructions texts = DischargeInstructions.load(TestApp.shippedConfig(), CONFIG);
        assertEquals("After your ketamine treatment today", texts.in("en").title());
        assertFalse(texts.in("es").title().equals(texts.in("en").title()), "a Spanish text of its own");
        assertTrue(texts.in("en").template() && texts.in("es").template(), "the clinic must replace the template");
        assertTrue(texts.in("en").html().contains("988"));
    }

    @Test
    void a_missing_file_stops_start_up_and_a_missing_translation_falls_back_to_english() throws IOException {
        Path dir = TestApp.configWith(y -> y);
        Files.delete(dir.resolve("discharge-instructions.es.md"));
        DischargeInstructions english = DischargeInstructions.load(dir, CONFIG);
        assertEquals("After your ketamine treatment today", english.in("es").title());
        assertEquals("en", english.in("es").language(), "marked as the English it is");
        Files.delete(dir.resolve("discharge-instructions.md"));
        ConfigException e = assertThrows(ConfigException.class, () -> DischargeInstructions.load(dir, CONFIG));
        assertTrue(e.getMessage().contains("discharge.instructions") && e.getMessage().contains("discharge-instructions.md"),
                e.getMessage());
    }

    @Test
    void html_in_the_text_is_shown_as_text() throws IOException {
        Path dir = TestApp.configWith(y -> y);
        Files.writeString(dir.resolve("discharge-instructions.md"), "---\ntitle: Going home\n---\nRest. <script>alert(1)</script>\n");
        String html = DischargeInstructions.load(dir, CONFIG).in("en").html();
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }
}
