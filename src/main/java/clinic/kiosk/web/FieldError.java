package clinic.kiosk.web;

/** A problem with one form field: the field's id (for the link from the summary) and a plain message. */
public record FieldError(String field, String message) {}
