package clinic.kiosk.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** One valid row of a schedule file: an appointment of a patient, as the main records know them. */
public record ScheduleRow(int line, String appointmentId, String patientId, String firstName, String lastName,
                          LocalDate dateOfBirth, Instant startsAt, String visitType, String phone, String status,
                          Integer durationMinutes, String courseId, Integer courseNumber, Integer courseLength,
                          String emergencyContactName, String emergencyContactPhone) {
    public ScheduleRow {
        Objects.requireNonNull(appointmentId);
        Objects.requireNonNull(patientId);
        Objects.requireNonNull(firstName);
        Objects.requireNonNull(lastName);
        Objects.requireNonNull(dateOfBirth);
        Objects.requireNonNull(startsAt);
        Objects.requireNonNull(visitType);
        if (!status.equals("booked") && !status.equals("cancelled")) {
            throw new IllegalArgumentException("status must be booked or cancelled");
        }
    }
}
