package clinic.kiosk.schedule;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person as the main records know them; {@code externalId} is their id there, one patient across all visits.
 * A walk-in has no external id until the desk links them to the main records' patient ({@code mergedInto}).
 */
public record Patient(long id, String externalId, String firstName, String lastName, LocalDate dateOfBirth,
                      String phone, boolean demo, boolean walkIn, Long mergedInto, Instant createdAt,
                      Instant updatedAt) {}
