package clinic.kiosk.checkin;

import clinic.kiosk.web.Form;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The GOV.UK date pattern: three number fields, Month, Day and Year, each checked with a message beside the date
 * that says how to fix it. Never a date picker.
 */
final class DateOfBirth {
    static final int OLDEST_YEARS = 120;

    private DateOfBirth() {}

    /** The date, or null with an error recorded on the field {@code dob-month} (the first of the three). */
    static LocalDate read(Form form, LocalDate today) {
        String month = form.text("dob-month", "identify.month", 2);
        String day = form.text("dob-day", "identify.day", 2);
        String year = form.text("dob-year", "identify.year", 4);
        if (!form.valid()) {
            return null;
        }
        if (month.isEmpty() && day.isEmpty() && year.isEmpty()) {
            form.errorKey("dob-month", "identify.error.dob_missing");
            return null;
        }
        if (month.isEmpty() || day.isEmpty() || year.isEmpty()) {
            form.errorKey("dob-month", "identify.error.dob_incomplete");
            return null;
        }
        if (!month.matches("\\d{1,2}") || !day.matches("\\d{1,2}") || !year.matches("\\d{4}")) {
            form.errorKey("dob-month", "identify.error.dob_numbers");
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            form.errorKey("dob-month", "identify.error.dob_real");
            return null;
        }
        if (date.isAfter(today)) {
            form.errorKey("dob-month", "identify.error.dob_future");
            return null;
        }
        if (date.isBefore(today.minusYears(OLDEST_YEARS))) {
            form.errorKey("dob-month", "identify.error.dob_real");
            return null;
        }
        return date;
    }
}
