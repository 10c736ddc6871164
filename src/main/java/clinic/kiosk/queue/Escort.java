package clinic.kiosk.queue;

import java.time.LocalTime;

/**
 * Who takes the patient home (no driving until the next day after ketamine): a named escort who stays or comes
 * back at a time, or none yet.
 */
public record Escort(String name, String phone, Plan plan, LocalTime returnsAt) {
    public enum Plan { STAYS, RETURNS, NONE }

    public Escort {
        if (plan == Plan.NONE) {
            name = null;
            phone = null;
            returnsAt = null;
        } else if (name == null || name.isBlank() || phone == null || phone.isBlank()) {
            throw new IllegalArgumentException("an escort needs a name and a phone");
        } else if (plan == Plan.RETURNS && returnsAt == null) {
            throw new IllegalArgumentException("an escort who comes back needs a time");
        }
    }

    public static Escort none() {
        return new Escort(null, null, Plan.NONE, null);
    }

    String code() {
        return plan.name().toLowerCase();
    }
}
