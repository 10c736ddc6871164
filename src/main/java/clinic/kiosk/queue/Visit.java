package clinic.kiosk.queue;

import java.time.Instant;
import java.time.LocalDate;

/** A patient's visit today: created when they arrive (or are marked no-show or cancelled). */
public record Visit(long id, long appointmentId, long patientId, LocalDate visitDate, Integer ticketNumber,
                    VisitState state, String currentStep, String phone, String escortName, String escortPhone,
                    String escortPlan, String escortReturnsAt, Long checkedInBy, Instant arrivedAt, Instant readyAt,
                    Instant updatedAt, Instant stateSince, String holdReason, String ivNote, String ivNoteBy) {

    /** The ticket the waiting room sees, never a name: K-07, K-123, K-1234. */
    public String ticket() {
        return ticketNumber == null ? null : Tickets.code(ticketNumber);
    }

    public boolean noEscort() {
        return "none".equals(escortPlan);
    }
}
