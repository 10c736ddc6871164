package clinic.kiosk.screening;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A form as the supported subset of FHIR R4 Questionnaire: items with linkId, text, type, required, repeats,
 * answer options with codings and the ordinalValue extension, enableWhen and enableBehavior, nested groups, and the
 * minValue, maxValue and maxLength constraints, and display items: the introduction (a top-level display item,
 * shown above the first screen), and a question's own display items: of the SDC "instructions" category, its lead-in
 * shown above it (the PHQ-9's time frame on every item), otherwise its clarifying text shown beneath it (the C-SSRS
 * examples). Anything else is refused when the file is read. {@code url} is the form's canonical URL: its own, or urn:intake-kiosk:questionnaire:{id}.
 */
public record Questionnaire(String id, String version, String title, String file, List<Item> items, String url) {
    public Questionnaire {
        items = List.copyOf(items);
    }

    public enum Type { GROUP, DISPLAY, CHOICE, BOOLEAN, STRING, INTEGER, DECIMAL, DATE, DATETIME }

    public enum Behavior { ALL, ANY }

    public record Option(String system, String code, String display, BigDecimal ordinal) {}

    public record EnableWhen(String question, String operator, Value answer, Boolean exists) {}

    /** {@code instructions}: a display item of the SDC "instructions" category. */
    public record Item(String linkId, String text, Type type, boolean required, boolean repeats, List<Option> options,
                       List<EnableWhen> enableWhen, Behavior behavior, List<Item> items, BigDecimal min,
                       BigDecimal max, Integer maxLength, String code, boolean instructions) {
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

        /** A question's lead-in (its instructions display items), such as an instrument's time frame; or null. */
        public String stem() {
            return children(true);
        }

        /** A question's clarifying text (its other display items), shown beneath it; or null. */
        public String hint() {
            return children(false);
        }

        private String children(boolean instructions) {
            if (type == Type.GROUP) {
                return null;
            }
            List<String> texts = items.stream().filter(i -> i.type() == Type.DISPLAY && i.instructions() == instructions)
                    .map(Item::text).toList();
            return texts.isEmpty() ? null : String.join(" ", texts);
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
