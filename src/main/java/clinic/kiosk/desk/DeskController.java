package clinic.kiosk.desk;

import clinic.kiosk.device.DeviceAccess;
import clinic.kiosk.device.DeviceRole;
import clinic.kiosk.schedule.ScheduleController;
import clinic.kiosk.schedule.ScheduleController.AppointmentRow;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.staff.Role;
import clinic.kiosk.staff.StaffAccess;
import clinic.kiosk.web.Pages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The desk's home after sign-in, and the always-on desk board (an enrolled board device or a signed-in staff). */
public final class DeskController {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.US);

    private final ScheduleService schedule;
    private final ScheduleController appointments;
    private final DeviceAccess devices;

    public DeskController(ScheduleService schedule, ScheduleController appointments, DeviceAccess devices) {
        this.schedule = schedule;
        this.appointments = appointments;
        this.devices = devices;
    }

    public void routes(JavalinConfig config) {
        config.routes.get("/desk", this::home, Role.ANY);
        config.routes.get("/board", this::board);
    }

    public record HomePage(String day, int booked, int cancelled, boolean canImport, boolean passwordChanged) {}

    private void home(Context ctx) {
        LocalDate today = schedule.today();
        ScheduleService.DayCounts counts = schedule.counts(today);
        boolean canImport = StaffAccess.account(ctx).roleEnum() != Role.NURSE;
        Pages.render(ctx, "desk/home", new HomePage(DAY.format(today), counts.booked(), counts.cancelled(), canImport,
                "password".equals(ctx.queryParam("notice"))));
    }

    public record BoardPage(String day, List<AppointmentRow> rows) {}

    /**
     * The board shows patients' names, so enrolment being off (demo, tests) does not open it: it needs an enrolled
     * board device or a signed-in staff member.
     */
    private void board(Context ctx) {
        boolean boardDevice = DeviceAccess.device(ctx).map(d -> d.roleEnum() == DeviceRole.BOARD).orElse(false);
        if (!boardDevice && StaffAccess.account(ctx) == null) {
            if (devices.enrollmentRequired()) {
                devices.admit(ctx, DeviceRole.BOARD);
            } else {
                ctx.redirect("/desk", HttpStatus.SEE_OTHER);
            }
            return;
        }
        LocalDate today = schedule.today();
        Pages.render(ctx, "desk/board", new BoardPage(DAY.format(today), appointments.rows(today, ctx)));
    }
}
