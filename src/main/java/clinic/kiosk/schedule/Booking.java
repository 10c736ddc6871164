package clinic.kiosk.schedule;

import java.time.Instant;
import java.time.LocalDate;

/** A booked appointment with what check-in needs of its patient. */
public record Booking(long appointmentId, long patientId, String firstName, String lastName, LocalDate dateOfBirth,
                      String phone, String visitType, Instant startsAt, boolean demo, String courseId) {

    /** "Ana R.": all a shared screen ever shows of a patient. */
    public String shortName() {
        String last = lastName.strip();
        return firstName.strip() + (last.isEmpty() ? "" : " " + last.substring(0, last.offsetByCodePoints(0, 1)) + ".");
    }
}
