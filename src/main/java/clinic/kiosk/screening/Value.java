package clinic.kiosk.screening;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** One answer value of any supported type; exactly one of the typed fields is set. */
public record Value(String system, String code, String display, Boolean bool, BigDecimal number, String text,
                    LocalDate date, LocalDateTime dateTime) {

    public static Value coding(String system, String code, String display) {
        return new Value(system, code, display, null, null, null, null, null);
    }

    public static Value of(boolean b) {
        return new Value(null, null, null, b, null, null, null, null);
    }

    public static Value of(BigDecimal n) {
        return new Value(null, null, null, null, n, null, null, null);
    }

    public static Value of(String s) {
        return new Value(null, null, null, null, null, s, null, null);
    }

    public static Value of(LocalDate d) {
        return new Value(null, null, null, null, null, null, d, null);
    }

    public static Value of(LocalDateTime d) {
        return new Value(null, null, null, null, null, null, null, d);
    }

    /** Compares two values of the same type: negative, zero or positive; null when they cannot be compared. */
    Integer compareTo(Value other) {
        if (code != null && other.code != null) {
            return code.equals(other.code) ? 0 : null;
        }
        if (bool != null && other.bool != null) {
            return bool.equals(other.bool) ? 0 : null;
        }
        if (number != null && other.number != null) {
            return number.compareTo(other.number);
        }
        if (text != null && other.text != null) {
            return text.compareTo(other.text);
        }
        if (date != null && other.date != null) {
            return date.compareTo(other.date);
        }
        if (dateTime != null && other.dateTime != null) {
            return dateTime.compareTo(other.dateTime);
        }
        return null;
    }

    /** How the answer reads for staff. */
    public String shown() {
        if (display != null) {
            return display;
        }
        if (code != null) {
            return code;
        }
        if (bool != null) {
            return bool ? "Yes" : "No";
        }
        if (number != null) {
            return number.stripTrailingZeros().toPlainString();
        }
        if (text != null) {
            return text;
        }
        return date != null ? date.toString() : String.valueOf(dateTime);
    }
}
