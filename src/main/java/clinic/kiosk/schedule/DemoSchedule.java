package clinic.kiosk.schedule;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A schedule of fictitious patients for today, starting around the time the demo starts, loaded only by
 * {@code --demo}. Every patient is stored as demo and
 * shown with a DEMO badge; ids start with DEMO- so they can never meet the main records' ids.
 */
public final class DemoSchedule {
    private record Person(String id, String first, String last, LocalDate dob, String phone) {}

    private static final List<Person> PEOPLE = List.of(
            new Person("DEMO-P01", "Ana", "Rivera", LocalDate.of(1985, 3, 14), "555-0101"),
            new Person("DEMO-P02", "Marcus", "Bell", LocalDate.of(1972, 11, 2), "555-0102"),
            new Person("DEMO-P03", "Lucía", "Gómez", LocalDate.of(1990, 6, 30), "555-0103"),
            new Person("DEMO-P04", "Tran", "Nguyen", LocalDate.of(1968, 1, 9), "555-0104"),
            new Person("DEMO-P05", "Olivia", "Hart", LocalDate.of(1999, 8, 21), "555-0105"),
            new Person("DEMO-P06", "Samuel", "Okafor", LocalDate.of(1979, 4, 5), "555-0106"));

    /** The demo patient a newcomer is invited to check in as. */
    public static final String TRY_NAME = "Ana Rivera";
    public static final String TRY_BIRTH = "3 14 1985";

    private DemoSchedule() {}

    /** Loads (or refreshes) today's demo appointments; idempotent, like any import. */
    public static ImportRecord load(ScheduleService schedule, KioskConfig config, ClinicTime clinicTime) {
        ZoneId zone = clinicTime.zone();
        LocalDate today = clinicTime.today();
        List<String> types = config.visitTypes().keySet().stream().sorted().toList();
        List<ScheduleRow> rows = new ArrayList<>();
        // Around now, so a newcomer sees patients due soon rather than a day of late ones.
        LocalTime now = LocalTime.ofInstant(clinicTime.now(), zone);
        LocalTime time = now.withMinute(now.getMinute() / 15 * 15).withSecond(0).withNano(0).minusMinutes(30);
        LocalTime latest = LocalTime.of(23, 59).minusMinutes(45L * PEOPLE.size());
        if (time.isAfter(latest) || now.isBefore(LocalTime.of(0, 30))) {
            time = now.isBefore(LocalTime.of(0, 30)) ? LocalTime.of(0, 30) : latest;
        }
        for (int i = 0; i < PEOPLE.size(); i++) {
            Person p = PEOPLE.get(i);
            String type = types.contains("infusion") && i % 3 != 0 ? "infusion" : types.get(i % types.size());
            boolean course = type.equals("infusion");
            rows.add(new ScheduleRow(i + 2, "DEMO-" + today + "-" + (i + 1), p.id(), p.first(), p.last(), p.dob(),
                    today.atTime(time).atZone(zone).toInstant(), type, p.phone(), "booked", null,
                    course ? "DEMO-C" + (i + 1) : null, course ? 1 + i % 6 : null, course ? 6 : null,
                    "Sam " + p.last(), "555-0190"));
            time = time.plusMinutes(45);
        }
        return schedule.apply("demo schedule " + today, ScheduleService.sha256(("demo " + today).getBytes(java.nio.charset.StandardCharsets.UTF_8)), rows, ScheduleService.Source.DEMO, Actor.system(), null);
    }
}
