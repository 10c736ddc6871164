package clinic.kiosk.screening;

import clinic.kiosk.config.ConfigException;
import clinic.kiosk.screening.Questionnaire.Behavior;
import clinic.kiosk.screening.Questionnaire.EnableWhen;
import clinic.kiosk.screening.Questionnaire.Item;
import clinic.kiosk.screening.Questionnaire.Option;
import clinic.kiosk.screening.Questionnaire.Type;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a FHIR R4 Questionnaire JSON file into {@link Questionnaire}, refusing what the kiosk does not support. */
public final class QuestionnaireParser {
    static final String ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    static final String MIN = "http://hl7.org/fhir/StructureDefinition/minValue";
    static final String MAX = "http://hl7.org/fhir/StructureDefinition/maxValue";
    static final String DISPLAY_CATEGORY = "http://hl7.org/fhir/StructureDefinition/questionnaire-displayCategory";
    private static final Set<String> TOP = Set.of("resourceType", "id", "url", "version", "name", "title", "status",
            "code", "subjectType", "date", "publisher", "description", "copyright", "meta", "language", "item");
    private static final Set<String> ITEM = Set.of("linkId", "text", "type", "required", "repeats", "code", "prefix",
            "answerOption", "enableWhen", "enableBehavior", "item", "extension", "maxLength");
    private static final Set<String> OPERATORS = Set.of("exists", "=", "!=", ">", "<", ">=", "<=");

    private final String file;

    private QuestionnaireParser(String file) {
        this.file = file;
    }

    public static Questionnaire parse(Path path) {
        String file = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(file, "", "file not found");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(path.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new ConfigException(file, "", where + "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ConfigException(file, "", "cannot be read (" + e.getMessage() + ")");
        }
        return new QuestionnaireParser(file).questionnaire(root);
    }

    private ConfigException problem(String key, String message) {
        return new ConfigException(file, key, message);
    }

    private Questionnaire questionnaire(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw problem("", "expected a JSON object");
        }
        onlyKeys(root, TOP, "");
        if (!"Questionnaire".equals(text(root, "resourceType"))) {
            throw problem("resourceType", "must be Questionnaire");
        }
        String id = text(root, "id");
        if (id == null) {
            throw problem("id", "is required");
        }
        String title = text(root, "title");
        Set<String> seen = new HashSet<>();
        List<Item> items = items(root.get("item"), "", seen);
        if (items.isEmpty()) {
            throw problem("item", "a form needs at least one item");
        }
        Questionnaire q = new Questionnaire(id, text(root, "version") == null ? "1" : text(root, "version"),
                title == null ? id : title, file, items,
                text(root, "url") == null ? "urn:intake-kiosk:questionnaire:" + id : text(root, "url"));
        checkEnableWhen(q);
        return q;
    }

    private List<Item> items(JsonNode node, String parent, Set<String> seen) {
        List<Item> items = new ArrayList<>();
        if (node == null) {
            return items;
        }
        if (!node.isArray()) {
            throw problem(parent + "item", "expected a list");
        }
        for (JsonNode n : node) {
            items.add(item(n, seen));
        }
        return items;
    }

    private Item item(JsonNode n, Set<String> seen) {
        String linkId = text(n, "linkId");
        if (linkId == null) {
            throw problem("item", "an item has no linkId");
        }
        String key = "item[" + linkId + "]";
        if (!seen.add(linkId)) {
            throw problem(key, "linkId is used twice");
        }
        onlyKeys(n, ITEM, key + ".");
        String typeText = text(n, "type");
        Type type;
        try {
            type = Type.valueOf(String.valueOf(typeText).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw problem(key + ".type", "'" + typeText + "' is not supported (group, display, choice, boolean, string, integer, decimal, date, dateTime)");
        }
        String text = text(n, "text");
        if (text == null && type != Type.GROUP) {
            throw problem(key + ".text", "is required");
        }
        List<Option> options = options(n.get("answerOption"), key);
        if (type == Type.CHOICE && options.isEmpty()) {
            throw problem(key + ".answerOption", "a choice item needs answer options");
        }
        if (type != Type.CHOICE && !options.isEmpty()) {
            throw problem(key + ".answerOption", "only choice items have answer options");
        }
        List<Item> children = items(n.get("item"), key + ".", seen);
        if (type == Type.GROUP && children.isEmpty()) {
            throw problem(key + ".item", "a group needs items");
        }
        if (type != Type.GROUP && !children.isEmpty()
                && (type == Type.DISPLAY || children.stream().anyMatch(c -> c.type() != Type.DISPLAY || !c.items().isEmpty()))) {
            throw problem(key + ".item", "only groups have nested questions; a question may have display items (its clarifying text)");
        }
        if (type == Type.GROUP && children.stream().anyMatch(c -> c.type() == Type.GROUP)) {
            throw problem(key + ".item", "groups within groups are not supported");
        }
        List<EnableWhen> enableWhen = new ArrayList<>();
        JsonNode ew = n.get("enableWhen");
        if (ew != null) {
            for (JsonNode w : ew) {
                enableWhen.add(enableWhen(w, key));
            }
        }
        String behaviorText = text(n, "enableBehavior");
        if (enableWhen.size() > 1 && behaviorText == null) {
            throw problem(key + ".enableBehavior", "is required with more than one enableWhen (all or any)");
        }
        Behavior behavior = "any".equals(behaviorText) ? Behavior.ANY : Behavior.ALL;
        if (behaviorText != null && !Set.of("all", "any").contains(behaviorText)) {
            throw problem(key + ".enableBehavior", "'" + behaviorText + "' is not all or any");
        }
        BigDecimal min = null;
        BigDecimal max = null;
        boolean instructions = false;
        JsonNode ext = n.get("extension");
        if (ext != null) {
            for (JsonNode e : ext) {
                String url = text(e, "url");
                if (DISPLAY_CATEGORY.equals(url) && type == Type.DISPLAY) {
                    JsonNode coding = e.path("valueCodeableConcept").path("coding");
                    if (coding.size() != 1 || !"instructions".equals(text(coding.get(0), "code"))) {
                        throw problem(key + ".extension", "displayCategory: only the code instructions is supported");
                    }
                    instructions = true;
                    continue;
                }
                BigDecimal value = number(e);
                if (MIN.equals(url)) {
                    min = value;
                } else if (MAX.equals(url)) {
                    max = value;
                } else {
                    throw problem(key + ".extension", "'" + url + "' is not supported (minValue, maxValue, displayCategory on a display item)");
                }
            }
        }
        Integer maxLength = n.has("maxLength") ? n.get("maxLength").asInt() : null;
        boolean required = n.has("required") && n.get("required").asBoolean();
        boolean repeats = n.has("repeats") && n.get("repeats").asBoolean();
        if (repeats && type != Type.CHOICE) {
            throw problem(key + ".repeats", "only choice items may repeat (checkboxes)");
        }
        String code = null;
        JsonNode codes = n.get("code");
        if (codes != null && codes.isArray() && codes.size() > 0) {
            code = text(codes.get(0), "code");
        }
        return new Item(linkId, text == null ? "" : text, type, required, repeats, options, enableWhen, behavior,
                children, min, max, maxLength, code, instructions);
    }

    private List<Option> options(JsonNode node, String key) {
        List<Option> options = new ArrayList<>();
        if (node == null) {
            return options;
        }
        Set<String> codes = new HashSet<>();
        for (JsonNode o : node) {
            JsonNode coding = o.get("valueCoding");
            if (coding == null) {
                throw problem(key + ".answerOption", "only valueCoding answer options are supported");
            }
            String code = text(coding, "code");
            if (code == null || !codes.add(code)) {
                throw problem(key + ".answerOption", "every option needs its own code");
            }
            BigDecimal ordinal = null;
            JsonNode ext = o.get("extension");
            if (ext != null) {
                for (JsonNode e : ext) {
                    if (!ORDINAL.equals(text(e, "url"))) {
                        throw problem(key + ".answerOption[" + code + "].extension", "'" + text(e, "url") + "' is not supported (ordinalValue)");
                    }
                    ordinal = number(e);
                }
            }
            options.add(new Option(text(coding, "system"), code, text(coding, "display") == null ? code : text(coding, "display"), ordinal));
        }
        return options;
    }

    private EnableWhen enableWhen(JsonNode w, String key) {
        String question = text(w, "question");
        String operator = text(w, "operator");
        if (question == null) {
            throw problem(key + ".enableWhen", "names no question");
        }
        if (!OPERATORS.contains(String.valueOf(operator))) {
            throw problem(key + ".enableWhen", "operator '" + operator + "' is not supported (exists, =, !=, >, <, >=, <=)");
        }
        Value answer = null;
        Boolean exists = null;
        Iterator<Map.Entry<String, JsonNode>> fields = w.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "question", "operator" -> { }
                case "answerBoolean" -> {
                    if (operator.equals("exists")) {
                        exists = v.asBoolean();
                    } else {
                        answer = Value.of(v.asBoolean());
                    }
                }
                case "answerInteger", "answerDecimal" -> answer = Value.of(v.decimalValue());
                case "answerString" -> answer = Value.of(v.asText());
                case "answerDate" -> answer = Value.of(LocalDate.parse(v.asText()));
                case "answerDateTime" -> answer = Value.of(LocalDateTime.parse(v.asText()));
                case "answerCoding" -> answer = Value.coding(text(v, "system"), text(v, "code"), text(v, "display"));
                default -> throw problem(key + ".enableWhen", "'" + f.getKey() + "' is not supported");
            }
        }
        if (operator.equals("exists") ? exists == null : answer == null) {
            throw problem(key + ".enableWhen", "needs an answer value for operator " + operator);
        }
        return new EnableWhen(question, operator, answer, exists);
    }

    /** Every enableWhen names a question of this form, before the item, and a code among its options. */
    private void checkEnableWhen(Questionnaire q) {
        Map<String, Integer> order = new HashMap<>();
        List<Item> all = q.all();
        for (int i = 0; i < all.size(); i++) {
            order.put(all.get(i).linkId(), i);
        }
        for (Item item : all) {
            for (EnableWhen w : item.enableWhen()) {
                String key = "item[" + item.linkId() + "].enableWhen";
                Item target = q.item(w.question()).orElseThrow(() -> problem(key, "names unknown question '" + w.question() + "'"));
                if (!target.answerable()) {
                    throw problem(key, "names '" + w.question() + "', which takes no answer");
                }
                if (order.get(w.question()) >= order.get(item.linkId())) {
                    throw problem(key, "names '" + w.question() + "', which comes after it");
                }
                boolean ordered = Set.of(">", "<", ">=", "<=").contains(w.operator());
                if (ordered && w.answer() != null && (w.answer().code() != null || w.answer().bool() != null)) {
                    throw problem(key, "operator " + w.operator() + " compares numbers, dates or text, not codes or yes/no");
                }
                if (w.answer() != null && w.answer().code() != null && target.option(w.answer().code()).isEmpty()) {
                    throw problem(key, "names answer code '" + w.answer().code() + "', which '" + w.question() + "' does not offer");
                }
            }
        }
    }

    private void onlyKeys(JsonNode node, Set<String> allowed, String prefix) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw problem(prefix + name, "is not supported");
            }
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node == null ? null : node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private BigDecimal number(JsonNode extension) {
        for (String k : List.of("valueDecimal", "valueInteger")) {
            if (extension.has(k)) {
                return extension.get(k).decimalValue();
            }
        }
        throw problem("extension", "'" + text(extension, "url") + "' needs valueDecimal or valueInteger");
    }
}
