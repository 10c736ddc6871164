package clinic.kiosk.desk;

import clinic.kiosk.queue.VisitState;

import java.time.Instant;
import java.time.LocalDate;

/** One appointment with its patient, visit and place, as the board reads them. */
record BoardRow(long appointmentId, Instant startsAt, String visitType, String appointmentStatus, Integer courseNumber,
                Integer courseLength, String courseId, long patientId, String firstName, String lastName, boolean demo, boolean walkIn,
                Long visitId, LocalDate visitDate, VisitState state, Integer ticketNumber, String currentStep,
                Instant arrivedAt, String escortName, String escortPlan, String escortReturnsAt, Instant stateSince,
                String placeId, Instant nextAt, int earlierVisits, Instant lastVitalsAt, VisitState lastTo, Instant lastAt,
                String lastActorKind, Boolean lastWasUndo, String lastReason) {}
