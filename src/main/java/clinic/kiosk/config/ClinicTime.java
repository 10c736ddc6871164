package clinic.kiosk.config;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one helper for the clinic's time: its "today", the exact instants a local day starts and ends (so 23- and
 * 25-hour days are whole), and how times are shown to US staff (12-hour clock, the clinic's zone).
 */
public final class ClinicTime {
    private final Clock clock;
    private final ZoneId zone;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter time;
    private final DateTimeFormatter stamp;

    public ClinicTime(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        this.dateTime = DateTimeFormatter.ofPattern("MMM d, yyyy h:mm a", Locale.US).withZone(zone);
        this.time = DateTimeFormatter.ofPattern("h:mm a", Locale.US).withZone(zone);
        this.stamp = DateTimeFormatter.ofPattern("MMM d, yyyy h:mm:ss a", Locale.US).withZone(zone);
    }

    public Instant now() {
        return clock.instant();
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The first instant of the next day: a day is [start, end). */
    public Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public String dateTime(Instant instant) {
        return dateTime.format(instant);
    }

    /** With seconds, for the audit log. */
    public String stamp(Instant instant) {
        return stamp.format(instant);
    }

    public String time(Instant instant) {
        return time.format(instant);
    }
}
