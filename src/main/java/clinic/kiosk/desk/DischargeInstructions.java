package clinic.kiosk.desk;

import clinic.kiosk.config.ConfigException;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.config.MarkdownFile;
import clinic.kiosk.config.YamlNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The discharge instructions the nurse gives and prints for the patient, in the patient's language: the clinic's
 * Markdown file in {@code kiosk-config/} ({@code discharge.instructions}, and its {@code .es.md} beside it), read once
 * at start-up with raw HTML escaped.
 */
public final class DischargeInstructions {
    /** One language's text: its language, its title and the HTML rendered from the clinic's Markdown. */
    public record Text(String language, String title, String html, boolean template) {}

    private final Map<String, Text> byLanguage;

    private DischargeInstructions(Map<String, Text> byLanguage) {
        this.byLanguage = Map.copyOf(byLanguage);
    }

    public static DischargeInstructions load(Path configDir, KioskConfig config) {
        String name = config.discharge().instructions();
        Path english = configDir.resolve(name + ".md");
        if (!Files.isRegularFile(english)) {
            throw new ConfigException(configDir.resolve("kiosk.yaml").toString(), "discharge.instructions",
                    "the file " + english + " does not exist");
        }
        Map<String, Text> texts = new HashMap<>();
        texts.put("en", text("en", english));
        Path spanish = configDir.resolve(name + ".es.md");
        if (Files.isRegularFile(spanish)) {
            texts.put("es", text("es", spanish));
        }
        return new DischargeInstructions(texts);
    }

    private static Text text(String language, Path file) {
        MarkdownFile md = MarkdownFile.read(file);
        md.header().onlyKeys(Set.of("title", "template"));
        return new Text(language, md.header().required("title").text(), md.html(),
                md.header().optional("template").map(YamlNode::bool).orElse(false));
    }

    /** The text in this language, or in English when the clinic has none in it. */
    public Text in(String language) {
        return Optional.ofNullable(byLanguage.get(language)).orElse(byLanguage.get("en"));
    }
}
