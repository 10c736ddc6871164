package clinic.kiosk.schedule;

import java.time.Instant;

/** A booking from the main records. Cancelled ones stay, marked, so the desk can see what changed. */
public record Appointment(long id, String externalId, long patientId, Instant startsAt, String visitType,
                          Integer durationMinutes, String status, String courseId, Integer courseNumber,
                          Integer courseLength, Instant createdAt, Instant updatedAt) {

    /** Whether the fields the main records own are equal to those of {@code row} for {@code patient}. */
    boolean sameAs(ScheduleRow row, long patient) {
        return patientId == patient && startsAt.equals(row.startsAt()) && visitType.equals(row.visitType())
                && java.util.Objects.equals(durationMinutes, row.durationMinutes()) && status.equals(row.status())
                && java.util.Objects.equals(courseId, row.courseId())
                && java.util.Objects.equals(courseNumber, row.courseNumber())
                && java.util.Objects.equals(courseLength, row.courseLength());
    }
}
