package clinic.kiosk.screening;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A form as the supported subset of FHIR R4 Questionnaire: items with linkId, text, type, required, repeats,
 * answer options with codings and the ordinalValue extension, enableWhen and enableBehavior, nested groups, and the
 * minValue, maxValue and maxLength constraints. Anything else is refused when the file is read. {@code url} is the
 * form's canonical URL: its own, or urn:intake-kiosk:questionnaire:{id} when it has none.
 */
public record Questionnaire(String id, String version, String title, String file, List<Item> items, String url) {
    public Questionnaire {
        items = List.copyOf(items);
    }

    public enum Type { GROUP, DISPLAY, CHOICE, BOOLEAN, STRING, INTEGER, DECIMAL, DATE, DATETIME }

    public enum Behavior { ALL, ANY }

    public record Option(String system, String code, String display, BigDecimal ordinal) {}

    public record EnableWhen(String question, String operator, Value answer, Boolean exists) {}

    public record Item(String linkId, String text, Type type, boolean required, boolean repeats, List<Option> options,
                       List<EnableWhen> enableWhen, Behavior behavior, List<Item> items, BigDecimal min,
                       BigDecimal max, Integer maxLength, String code) {
        public Item {
            options = List.copyOf(options);
            enableWhen = List.copyOf(enableWhen);
            items = List.copyOf(items);
        }

        public boolean answerable() {
            return type != Type.GROUP && type != Type.DISPLAY;
        }

        public Optional<Option> option(String code) {
            return options.stream().filter(o -> o.code().equals(code)).findFirst();
        }
    }

    /** Every item, depth first. */
    public List<Item> all() {
        List<Item> all = new ArrayList<>();
        collect(items, all);
        return all;
    }

    private static void collect(List<Item> items, List<Item> into) {
        for (Item item : items) {
            into.add(item);
            collect(item.items(), into);
        }
    }

    public Optional<Item> item(String linkId) {
        return all().stream().filter(i -> i.linkId().equals(linkId)).findFirst();
    }

    /**
     * The screens in order: each top-level question, or a top-level group with its questions. A leading display
     * item is the form's introduction, shown above its first screen.
     */
    public List<Item> screens() {
        return items.stream().filter(i -> i.type() != Type.DISPLAY).toList();
    }

    public Optional<String> introduction() {
        return items.stream().filter(i -> i.type() == Type.DISPLAY).map(Item::text).findFirst();
    }
}
