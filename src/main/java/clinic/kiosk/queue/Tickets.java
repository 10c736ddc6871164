package clinic.kiosk.queue;

/** Ticket codes: short, unique for the day, with room for thousands a day. */
public final class Tickets {
    private Tickets() {}

    public static String code(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("ticket numbers start at 1");
        }
        return String.format("K-%02d", number);
    }
}
