package clinic.kiosk.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagesTest {
    private final Messages messages = new Messages();

    @Test
    void english_and_spanish_with_arguments() {
        assertEquals("Welcome to Clinic X", messages.get(Locale.ENGLISH, "kiosk.welcome", "Clinic X"));
        assertEquals("Bienvenido a Clinic X", messages.get(Locale.forLanguageTag("es-MX"), "kiosk.welcome", "Clinic X"));
        assertEquals("Sign in", messages.get(Locale.forLanguageTag("es"), "signin.title"), "staff texts fall back to English");
        assertEquals("Sign in", messages.get(Locale.FRENCH, "signin.title"));
    }

    @Test
    void a_missing_key_is_an_error_not_a_blank() {
        assertThrows(IllegalArgumentException.class, () -> messages.get(Locale.ENGLISH, "no.such.key"));
    }

    @Test
    void every_key_a_template_uses_exists_and_spanish_has_no_strays() throws IOException {
        Properties en = load("i18n/messages.properties");
        Properties es = load("i18n/messages_es.properties");
        for (String key : es.stringPropertyNames()) {
            assertTrue(en.containsKey(key), "Spanish key without English: " + key);
        }
        Pattern literal = Pattern.compile("t\\(\"([a-z0-9_.]+)\"");
        Set<String> used = new HashSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".peb")).toList()) {
                Matcher m = literal.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).endsWith(".")) { // a prefix such as "role." ~ code
                        used.add(m.group(1));
                    }
                }
            }
        }
        assertTrue(used.size() > 50, "found the template keys");
        for (String key : used) {
            assertTrue(en.containsKey(key), "template uses a missing key: " + key);
        }
    }

    @Test
    void no_message_has_a_bare_apostrophe_that_message_format_would_swallow() throws IOException {
        Properties en = load("i18n/messages.properties");
        Properties es = load("i18n/messages_es.properties");
        for (Properties p : new Properties[] {en, es}) {
            for (String key : p.stringPropertyNames()) {
                assertTrue(!p.getProperty(key).contains("'"), key + " has ' (write ’)");
            }
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
