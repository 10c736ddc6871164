package clinic.kiosk.schedule;

import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.staff.Role;
import clinic.kiosk.staff.StaffAccess;
import clinic.kiosk.web.Pages;
import clinic.kiosk.web.WebBaseline;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** The desk's Appointments page and the schedule upload. */
public final class ScheduleController {
    public static final String IMPORT_PATH = "/desk/schedule";

    private final ScheduleService schedule;
    private final KioskConfig config;
    private final ClinicTime time;
    private static final DateTimeFormatter DOB = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);

    public ScheduleController(ScheduleService schedule, KioskConfig config, ClinicTime time) {
        this.schedule = schedule;
        this.config = config;
        this.time = time;
    }

    public void routes(JavalinConfig config) {
        config.routes.get("/desk/appointments", this::appointments, Role.ANY);
        config.routes.get(IMPORT_PATH, ctx -> renderImport(ctx, HttpStatus.OK, List.of(), null), Role.ADMIN, Role.DESK);
        config.routes.post(IMPORT_PATH, this::upload, Role.ADMIN, Role.DESK);
    }

    public record AppointmentRow(String time, String name, String dateOfBirth, String visitType, String course,
                                 boolean cancelled, boolean demo) {}

    public record AppointmentsPage(String date, String dayLabel, String previous, String next, boolean today,
                                   List<AppointmentRow> rows, String dateError, boolean canImport) {}

    /** A day's appointments as rows for the page; the view is audited. */
    private List<AppointmentRow> rows(LocalDate date, Context ctx) {
        return schedule.day(date, Pages.actor(ctx), Pages.remote(ctx)).stream()
                .map(a -> new AppointmentRow(time.time(a.startsAt()), a.lastName() + ", " + a.firstName(),
                        DOB.format(a.dateOfBirth()),
                        config.visitType(a.visitType()).map(KioskConfig.VisitType::label).orElse(a.visitType()),
                        a.courseNumber() == null ? "" : a.courseNumber() + (a.courseLength() == null ? "" : " of " + a.courseLength()),
                        a.status().equals("cancelled"), a.demo()))
                .toList();
    }

    private void appointments(Context ctx) {
        LocalDate today = schedule.today();
        LocalDate date = today;
        String dateError = null;
        String asked = ctx.queryParam("date");
        if (asked != null && !asked.isBlank()) {
            try {
                date = LocalDate.parse(asked.strip());
            } catch (DateTimeParseException e) {
                dateError = "appointments.error.date";
            }
        }
        var account = StaffAccess.account(ctx);
        boolean canImport = account != null && (account.roleEnum() == Role.ADMIN || account.roleEnum() == Role.DESK);
        Pages.render(ctx, "schedule/appointments", new AppointmentsPage(date.toString(), DAY.format(date),
                date.minusDays(1).toString(), date.plusDays(1).toString(), date.equals(today), rows(date, ctx),
                dateError, canImport));
    }

    public record ImportRow(String when, String fileName, String source, int rows, int created, int updated,
                            int cancelled, int unchanged, String by) {}

    public record ImportPage(List<String> errors, boolean missingFile, String fileName, ImportRow result,
                             List<ImportRow> recent, String header, long maxKilobytes) {}

    private ImportRow row(ImportRecord r) {
        return new ImportRow(time.dateTime(r.importedAt()), r.fileName(), r.source(), r.rowCount(), r.created(),
                r.updated(), r.cancelled(), r.unchanged(), r.importedBy());
    }

    private void renderImport(Context ctx, HttpStatus status, List<String> errors, String fileName) {
        renderImport(ctx, status, errors, false, fileName);
    }

    private void renderImport(Context ctx, HttpStatus status, List<String> errors, boolean missingFile, String fileName) {
        List<ImportRow> recent = schedule.recentImports(10).stream().map(this::row).toList();
        ImportRow result = "done".equals(ctx.queryParam("result")) && !recent.isEmpty() ? recent.get(0) : null;
        ctx.status(status);
        Pages.render(ctx, "schedule/import", new ImportPage(errors, missingFile, fileName, result, recent,
                ScheduleFile.headerLine(), WebBaseline.MAX_UPLOAD_BYTES / 1024));
    }

    private void upload(Context ctx) throws IOException {
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.filename() == null || file.filename().isBlank()) {
            renderImport(ctx, HttpStatus.UNPROCESSABLE_CONTENT, List.of(), true, null);
            return;
        }
        String name = file.filename().replaceAll("[\\\\/]", "_");
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        byte[] content;
        try (InputStream in = file.content()) {
            content = in.readAllBytes();
        }
        ScheduleService.Outcome outcome = schedule.importFile(name, content, ScheduleService.Source.UPLOAD,
                Pages.actor(ctx), Pages.remote(ctx));
        if (outcome.accepted()) {
            ctx.redirect(IMPORT_PATH + "?result=done", HttpStatus.SEE_OTHER);
        } else {
            renderImport(ctx, HttpStatus.UNPROCESSABLE_CONTENT, outcome.errors(), name);
        }
    }
}
