package clinic.kiosk.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A text of {@code kiosk-config/} (a consent, the discharge instructions): a YAML header between {@code ---} lines,
 * then Markdown, rendered once at start-up by commonmark with raw HTML escaped, so what a person reads is exactly
 * the clinic's text and nothing it could smuggle in.
 */
public record MarkdownFile(String file, YamlNode header, String html, String plain) {
    public static MarkdownFile read(Path path) {
        String shown = path.toString();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new ConfigException(shown, "", "cannot be read (" + e.getMessage() + ")");
        }
        if (!text.startsWith("---\n")) {
            throw new ConfigException(shown, "", "must start with a header between --- lines");
        }
        int end = text.indexOf("\n---\n", 4);
        if (end < 0) {
            throw new ConfigException(shown, "", "the header has no closing --- line");
        }
        JsonNode header;
        try {
            header = new ObjectMapper(new YAMLFactory()).readTree(text.substring(4, end));
        } catch (IOException e) {
            throw new ConfigException(shown, "", "the header is not valid YAML");
        }
        String markdown = text.substring(end + 5);
        if (markdown.isBlank()) {
            throw new ConfigException(shown, "", "there is no text after the header");
        }
        Node document = Parser.builder().build().parse(markdown);
        String html = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build().render(document);
        String plain = TextContentRenderer.builder().build().render(document);
        return new MarkdownFile(shown, new YamlNode(shown, "", header), html, plain);
    }
}
