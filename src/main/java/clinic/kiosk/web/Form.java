package clinic.kiosk.web;

import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a submitted form field by field, with a length limit on every field and a message in the page's language
 * for each problem. Values are stripped of surrounding spaces; nothing here throws on bad input.
 */
public final class Form {
    private final Context ctx;
    private final Messages messages;
    private final Locale locale;
    private final List<FieldError> errors = new ArrayList<>();

    public Form(Context ctx, Messages messages) {
        this.ctx = ctx;
        this.messages = messages;
        this.locale = Pages.locale(ctx);
    }

    /** A text field; empty when missing. Records an error when longer than {@code max}. */
    public String text(String field, String label, int max) {
        String raw = ctx.formParam(field);
        String value = raw == null ? "" : BidiSafeHtml.unwrap(raw.strip()).strip();
        if (value.length() > max) {
            error(field, messages.get(locale, "error.too_long", messages.get(locale, label), max));
            return "";
        }
        return value;
    }

    /** A required text field: an error with {@code missingKey} when empty. */
    public String required(String field, String label, int max, String missingKey) {
        int before = errors.size();
        String value = text(field, label, max);
        if (value.isEmpty() && errors.size() == before) {
            error(field, messages.get(locale, missingKey));
        }
        return value;
    }

    /** A password: not stripped, since spaces may belong to it. */
    public String secret(String field, String label, int max, String missingKey) {
        String value = ctx.formParam(field);
        if (value == null || value.isEmpty()) {
            error(field, messages.get(locale, missingKey));
            return "";
        }
        if (value.length() > max) {
            error(field, messages.get(locale, "error.too_long", messages.get(locale, label), max));
            return "";
        }
        return value;
    }

    /** One of a fixed set of choices; an error with {@code missingKey} when absent or not one of them. */
    public String choice(String field, Set<String> allowed, String missingKey) {
        String value = ctx.formParam(field);
        if (value == null || !allowed.contains(value)) {
            error(field, messages.get(locale, missingKey));
            return "";
        }
        return value;
    }

    /** Every value sent for a field (checkboxes send several), as given. */
    public List<String> values(String field) {
        List<String> values = ctx.formParams(field);
        return values == null ? List.of() : values;
    }

    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public void errorKey(String field, String key, Object... args) {
        error(field, messages.get(locale, key, args));
    }

    /** How many problems so far: a field helper compares before and after to see its own. */
    public int problems() {
        return errors.size();
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public FormErrors errors() {
        return new FormErrors(errors);
    }
}
