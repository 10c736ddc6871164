package clinic.kiosk.screening;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** One answer as stored; all value columns empty records a question seen and left empty. */
record AnswerRow(long id, long responseId, String linkId, String valueSystem, String valueCode, String valueDisplay,
                 Boolean valueBoolean, BigDecimal valueNumber, String valueText, LocalDate valueDate,
                 LocalDateTime valueDatetime, Instant answeredAt, Instant supersededAt) {
    boolean empty() {
        return valueCode == null && valueBoolean == null && valueNumber == null && valueText == null
                && valueDate == null && valueDatetime == null;
    }

    Value value() {
        return new Value(valueSystem, valueCode, valueDisplay, valueBoolean, valueNumber, valueText, valueDate, valueDatetime);
    }
}
