package clinic.kiosk.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The clinic's configuration, parsed once from {@code kiosk-config/} and never changed while running. */
public record KioskConfig(
        Clinic clinic,
        Map<String, VisitType> visitTypes,
        List<Place> chairs,
        List<Place> rooms,
        KioskSettings kiosk,
        StaffSettings staff,
        ScheduleSettings schedule) {

    public KioskConfig {
        Objects.requireNonNull(clinic);
        visitTypes = Map.copyOf(visitTypes);
        chairs = List.copyOf(chairs);
        rooms = List.copyOf(rooms);
        Objects.requireNonNull(kiosk);
        Objects.requireNonNull(staff);
        Objects.requireNonNull(schedule);
    }

    public Optional<VisitType> visitType(String id) {
        return Optional.ofNullable(visitTypes.get(id));
    }

    public KioskConfig withKiosk(KioskSettings newKiosk) {
        return new KioskConfig(clinic, visitTypes, chairs, rooms, newKiosk, staff, schedule);
    }

    public KioskConfig withStaff(StaffSettings newStaff) {
        return new KioskConfig(clinic, visitTypes, chairs, rooms, kiosk, newStaff, schedule);
    }

    public KioskConfig withSchedule(ScheduleSettings newSchedule) {
        return new KioskConfig(clinic, visitTypes, chairs, rooms, kiosk, staff, newSchedule);
    }

    public record Clinic(String name, ZoneId timeZone, Map<DayOfWeek, OpeningHours> openingHours) {
        public Clinic {
            Objects.requireNonNull(name);
            Objects.requireNonNull(timeZone);
            openingHours = Map.copyOf(openingHours);
        }

        /** Opening hours of a weekday; empty when the clinic is closed that day. */
        public Optional<OpeningHours> hoursOn(DayOfWeek day) {
            return Optional.ofNullable(openingHours.get(day));
        }
    }

    public record OpeningHours(LocalTime opens, LocalTime closes) {
        public OpeningHours {
            if (!opens.isBefore(closes)) {
                throw new IllegalArgumentException("opening time must be before closing time");
            }
        }
    }

    /** Where a visit type is seen: an infusion chair or a room (a consult). */
    public enum PlaceKind { CHAIR, ROOM }

    public record VisitType(String id, String label, List<String> steps, boolean escortRequired,
                            PlaceKind place, Duration duration) {
        public VisitType {
            steps = List.copyOf(steps);
        }
    }

    public record Place(String id, String name) {}

    public record KioskSettings(Duration idleTimeout, Duration readingIdleTimeout, boolean walkIns,
                                boolean requireEnrollment) {
        public KioskSettings withRequireEnrollment(boolean value) {
            return new KioskSettings(idleTimeout, readingIdleTimeout, walkIns, value);
        }
    }

    public record StaffSettings(Duration sessionIdle, Duration sessionMax, int passwordIterations) {
        public StaffSettings withPasswordIterations(int value) {
            return new StaffSettings(sessionIdle, sessionMax, value);
        }
    }

    /** {@code lateGrace}: an expected patient counts as late this long after their appointment time. */
    public record ScheduleSettings(Duration inboxPoll, Duration lateGrace) {}
}
