package clinic.kiosk.consent;

import clinic.kiosk.config.ConfigException;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.config.MarkdownFile;
import clinic.kiosk.config.YamlNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code kiosk-config/consents/*.md}: a header between {@code ---} lines (YAML), then Markdown. Rendered once
 * at start-up with commonmark, raw HTML escaped, so what a patient reads is exactly what is hashed and kept.
 */
public final class ConsentCatalog {
    private static final Set<String> KEYS = Set.of("id", "version", "title", "scope", "meaning", "visit_types",
            "resign", "template");
    private static final Set<String> SCOPES = Set.of("treatment", "privacy", "financial");

    private final List<ConsentDocument> documents;

    private ConsentCatalog(List<ConsentDocument> documents) {
        this.documents = List.copyOf(documents);
    }

    public static ConsentCatalog load(Path configDir, KioskConfig config) {
        Path dir = configDir.resolve("consents");
        List<ConsentDocument> docs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new ConsentCatalog(docs);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(dir.toString(), "", "cannot be read (" + e.getMessage() + ")");
        }
        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            ConsentDocument doc = read(file, config);
            if (!ids.add(doc.id())) {
                throw new ConfigException(file.toString(), "id", "the consent id '" + doc.id() + "' is used by another file");
            }
            docs.add(doc);
        }
        return new ConsentCatalog(docs);
    }

    static ConsentDocument read(Path file, KioskConfig config) {
        MarkdownFile text = MarkdownFile.read(file);
        String shown = text.file();
        YamlNode h = text.header().onlyKeys(KEYS);
        String id = h.required("id").text();
        if (!id.matches("[a-z][a-z0-9_-]{0,63}")) {
            throw h.required("id").problem("'" + id + "' is not an id (lower-case letters, digits, - and _)");
        }
        int version = h.required("version").integer(1, 10_000);
        String title = h.required("title").text();
        YamlNode scopeNode = h.required("scope");
        String scope = scopeNode.text();
        if (!SCOPES.contains(scope)) {
            throw scopeNode.problem("'" + scope + "' is not a scope (treatment, privacy, financial)");
        }
        String meaning = h.required("meaning").text();
        List<String> visitTypes = new ArrayList<>();
        for (YamlNode v : h.required("visit_types").list()) {
            if (config.visitType(v.text()).isEmpty()) {
                throw v.problem("unknown visit type '" + v.text() + "'");
            }
            visitTypes.add(v.text());
        }
        YamlNode resignNode = h.required("resign");
        ConsentDocument.Resign resign;
        if (resignNode.isMap()) {
            resignNode.onlyKeys(Set.of("every_days"));
            resign = new ConsentDocument.Resign("every_days", resignNode.required("every_days").integer(1, 3650));
        } else {
            String kind = resignNode.text();
            if (!Set.of("once", "per_course").contains(kind)) {
                throw resignNode.problem("'" + kind + "' is not once, per_course or every_days: N");
            }
            resign = new ConsentDocument.Resign(kind, 0);
        }
        boolean template = h.optional("template").map(YamlNode::bool).orElse(false);
        String html = text.html();
        String plain = text.plain();
        return new ConsentDocument(id, version, title, scope, meaning, visitTypes, resign, template, shown, html, plain,
                sha256(html));
    }

    /** The SHA-256 of the exact text shown, as hex. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Bytes(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<ConsentDocument> documents() {
        return documents;
    }

    public List<ConsentDocument> forVisitType(String visitType) {
        return documents.stream().filter(d -> d.visitTypes().contains(visitType)).toList();
    }

    public java.util.Optional<ConsentDocument> document(String id) {
        return documents.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
