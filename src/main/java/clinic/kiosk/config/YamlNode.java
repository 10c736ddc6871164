package clinic.kiosk.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A position in a parsed YAML file that knows its own key path, so that every problem found while reading
 * names the file and the key ({@code visit_types.infusion.steps[2]}).
 */
public final class YamlNode {
    private final String file;
    private final String path;
    private final JsonNode node;

    public YamlNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    public String path() {
        return path;
    }

    public ConfigException problem(String message) {
        return new ConfigException(file, path, message);
    }

    /** Refuses keys this version does not know: a typo must not silently fall back to a default. */
    public YamlNode onlyKeys(Set<String> allowed) {
        requireMap();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw child(name).problem("unknown key (known here: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        return this;
    }

    private void requireMap() {
        if (node == null || !node.isObject()) {
            throw problem("expected a map of keys");
        }
    }

    private YamlNode child(String key) {
        return new YamlNode(file, path.isEmpty() ? key : path + "." + key, node == null ? null : node.get(key));
    }

    public boolean isMap() {
        return node != null && node.isObject();
    }

    public boolean has(String key) {
        requireMap();
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    public YamlNode required(String key) {
        requireMap();
        YamlNode child = child(key);
        if (child.node == null || child.node.isNull()) {
            throw child.problem("is required");
        }
        return child;
    }

    public Optional<YamlNode> optional(String key) {
        return has(key) ? Optional.of(child(key)) : Optional.empty();
    }

    public String text() {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw problem("expected a text value");
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            throw problem("must not be empty");
        }
        return value;
    }

    public boolean bool() {
        if (node == null || !node.isBoolean()) {
            throw problem("expected true or false");
        }
        return node.booleanValue();
    }

    public int integer(int min, int max) {
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
            throw problem("expected a whole number");
        }
        int value = node.intValue();
        if (value < min || value > max) {
            throw problem("must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public <T> T parsed(Function<String, T> parser, String expected) {
        String value = text();
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw problem("'" + value + "' is not " + expected);
        }
    }

    public List<YamlNode> list() {
        if (node == null || !node.isArray()) {
            throw problem("expected a list");
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new YamlNode(file, path + "[" + i + "]", node.get(i)));
        }
        return items;
    }

    /** The entries of a map in file order. */
    public Map<String, YamlNode> entries() {
        requireMap();
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        node.fieldNames().forEachRemaining(name -> entries.put(name, child(name)));
        return entries;
    }
}
