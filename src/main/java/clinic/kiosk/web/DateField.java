package clinic.kiosk.web;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The GOV.UK date pattern: three number fields, Month, Day and Year, each checked with a message beside the date
 * that says how to fix it. Never a date picker.
 */
public final class DateField {
    static final int OLDEST_YEARS = 120;

    private DateField() {}

    /**
     * A date of birth from the fields {@code <prefix>-month}, {@code -day} and {@code -year}: the date, or null with
     * an error recorded on {@code <prefix>-month} (the first of the three).
     */
    public static LocalDate birth(Form form, String prefix, LocalDate today) {
        String first = prefix + "-month";
        int before = form.problems();
        String month = form.text(first, "date.month", 2);
        String day = form.text(prefix + "-day", "date.day", 2);
        String year = form.text(prefix + "-year", "date.year", 4);
        if (form.problems() > before) {
            return null;
        }
        if (month.isEmpty() && day.isEmpty() && year.isEmpty()) {
            form.errorKey(first, "date.error.missing");
            return null;
        }
        if (month.isEmpty() || day.isEmpty() || year.isEmpty()) {
            form.errorKey(first, "date.error.incomplete");
            return null;
        }
        if (!month.matches("\\d{1,2}") || !day.matches("\\d{1,2}") || !year.matches("\\d{4}")) {
            form.errorKey(first, "date.error.numbers");
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            form.errorKey(first, "date.error.real");
            return null;
        }
        if (date.isAfter(today)) {
            form.errorKey(first, "date.error.future");
            return null;
        }
        if (date.isBefore(today.minusYears(OLDEST_YEARS))) {
            form.errorKey(first, "date.error.real");
            return null;
        }
        return date;
    }
}
