package clinic.kiosk.schedule;

import java.time.Instant;
import java.time.LocalDate;

/** A person as the main records know them; {@code externalId} is their id there, one patient across all visits. */
public record Patient(long id, String externalId, String firstName, String lastName, LocalDate dateOfBirth,
                      String phone, boolean demo, Instant createdAt, Instant updatedAt) {}
