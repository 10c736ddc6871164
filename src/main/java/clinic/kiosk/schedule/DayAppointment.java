package clinic.kiosk.schedule;

import java.time.Instant;
import java.time.LocalDate;

/** An appointment of a day with the patient's identifying details, for the desk's list. */
public record DayAppointment(long id, String externalId, Instant startsAt, String visitType, Integer durationMinutes,
                             String status, Integer courseNumber, Integer courseLength, long patientId,
                             String patientExternalId, String firstName, String lastName, LocalDate dateOfBirth,
                             boolean demo) {}
