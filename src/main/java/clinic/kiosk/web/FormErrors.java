package clinic.kiosk.web;

import java.util.List;

/** The problems of one submitted form, shown in a summary at the top and beside each field. */
public record FormErrors(List<FieldError> list) {
    public static final FormErrors NONE = new FormErrors(List.of());

    public FormErrors {
        list = List.copyOf(list);
    }

    public boolean any() {
        return !list.isEmpty();
    }

    /** The message for a field, or null when it has none (templates test {@code is not null}). */
    public String of(String field) {
        return list.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst().orElse(null);
    }

    public FormErrors plus(String field, String message) {
        var all = new java.util.ArrayList<>(list);
        all.add(new FieldError(field, message));
        return new FormErrors(all);
    }
}
