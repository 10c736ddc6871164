package clinic.kiosk.desk;

import java.time.Instant;

/** One appointment of today with its patient and visit, as the board reads them. */
record BoardRow(long appointmentId, Instant startsAt, String visitType, String appointmentStatus, Integer courseNumber,
                Integer courseLength, long patientId, String firstName, String lastName, boolean demo, boolean walkIn,
                Long visitId, String state, Integer ticketNumber, String currentStep, Instant arrivedAt,
                String escortName, String escortPlan, String escortReturnsAt, Instant nextAt, int earlierVisits,
                String lastReason) {}
