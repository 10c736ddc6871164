package clinic.kiosk.screening;

import clinic.kiosk.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each shipped instrument, item by item, against a reference file in the test resources written from the published
 * standard English text (PHQ-9 and GAD-7 as Pfizer publishes them, the C-SSRS screener as Columbia and the HL7
 * Behavioral Health Profiles give it) with its codes and full display names. A changed word, a lost time frame, a
 * clarifier dropped or a display cut short fails here, before a patient reads it.
 */
class InstrumentWordingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"phq-9", "gad-7", "cssrs-recent", "cssrs-since-last-visit"})
    void the_shipped_form_says_exactly_what_the_instrument_says(String form) throws IOException {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/instruments/" + form + ".txt")) {
            assertNotNull(in, "a reference file for " + form);
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String reference = String.join("\n", expected.lines().filter(l -> !l.startsWith("#")).toList()).strip();
        JsonNode json = JSON.readTree(TestApp.shippedConfig().resolve("forms").resolve(form + ".json").toFile());
        assertEquals(reference, render(json).strip());
    }

    /** No code display of any shipped form is cut short (the earlier forms cut them at 60 characters). */
    @ParameterizedTest
    @ValueSource(strings = {"phq-9", "gad-7", "cssrs-recent", "cssrs-since-last-visit", "safety-check", "medical-history"})
    void no_display_is_cut(String form) throws IOException {
        JsonNode json = JSON.readTree(TestApp.shippedConfig().resolve("forms").resolve(form + ".json").toFile());
        List<String> displays = new ArrayList<>();
        json.findValues("display").forEach(d -> displays.add(d.asText()));
        for (String d : displays) {
            assertTrue(d.length() != 60 && !d.endsWith(" "), "a display cut short: '" + d + "'");
        }
    }

    /** The same plain layout as the reference files: one block per question. */
    static String render(JsonNode form) {
        StringBuilder out = new StringBuilder();
        for (JsonNode code : form.path("code")) {
            out.append("panel ").append(coding(code)).append('\n');
        }
        for (JsonNode item : form.path("item")) {
            if (item.path("type").asText().equals("display")) {
                out.append('\n').append("introduction: ").append(item.path("text").asText()).append('\n');
                continue;
            }
            out.append('\n').append(item.path("linkId").asText()).append('\n');
            out.append("  text: ").append(item.path("text").asText()).append('\n');
            for (JsonNode child : item.path("item")) {
                boolean leadIn = child.path("extension").toString().contains("\"instructions\"");
                out.append(leadIn ? "  lead-in: " : "  clarifier: ").append(child.path("text").asText()).append('\n');
            }
            for (JsonNode w : item.path("enableWhen")) {
                out.append("  asked when: ").append(w.path("question").asText()).append(' ').append(w.path("operator").asText())
                        .append(' ').append(w.path("answerCoding").path("code").asText()).append('\n');
            }
            out.append("  required: ").append(item.path("required").asBoolean()).append('\n');
            for (JsonNode code : item.path("code")) {
                out.append("  code: ").append(coding(code)).append('\n');
            }
            List<String> answers = new ArrayList<>();
            for (JsonNode option : item.path("answerOption")) {
                JsonNode c = option.path("valueCoding");
                String score = option.path("extension").isEmpty() ? "" : " = " + option.path("extension").get(0).path("valueDecimal").asText();
                answers.add(c.path("code").asText() + " " + c.path("display").asText() + score);
            }
            out.append("  answers: ").append(String.join("; ", answers)).append('\n');
        }
        return out.toString();
    }

    private static String coding(JsonNode c) {
        return c.path("system").asText() + "|" + c.path("code").asText()
                + (c.has("display") ? " " + c.path("display").asText() : "");
    }
}
