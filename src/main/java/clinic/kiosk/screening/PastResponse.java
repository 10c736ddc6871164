package clinic.kiosk.screening;

import java.time.Instant;
import java.time.LocalDate;

/** A completed response of a patient at an earlier (or this) visit, with the course position: for frequencies and the trend. */
public record PastResponse(long responseId, long visitId, String formId, Integer total, String band, Instant completedAt,
                           String courseId, Integer courseNumber, Integer courseLength, LocalDate visitDate) {}
