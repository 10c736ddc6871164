package clinic.kiosk.export;

import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.staff.Role;
import clinic.kiosk.web.FormErrors;
import clinic.kiosk.web.Messages;
import clinic.kiosk.web.Pages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The admin's export page: the drop folder, days still due, failures, the recent attempts, and "Export now" for a
 * chosen date (a day already exported is exported again and replaced, audited as such).
 */
public final class ExportController {
    private final ExportService exports;
    private final ClinicTime time;
    private final Messages messages;

    public ExportController(ExportService exports, ClinicTime time, Messages messages) {
        this.exports = exports;
        this.time = time;
        this.messages = messages;
    }

    public void routes(JavalinConfig c) {
        c.routes.get("/admin/export", ctx -> render(ctx, HttpStatus.OK, time.today().minusDays(1).toString(), FormErrors.NONE), Role.ADMIN);
        c.routes.post("/admin/export", this::exportNow, Role.ADMIN);
    }

    public record Row(String date, String kind, String status, String started, String finished, String reason,
                      String folder, Integer records, String by) {}

    public record Failure(String date, String reason) {}

    public record ExportPage(String dropFolder, String time, List<String> due, List<Failure> failures, List<Row> recent,
                             String date, String notice, FormErrors errors) {}

    private void render(Context ctx, HttpStatus status, String date, FormErrors errors) {
        String notice = ctx.queryParam("notice");
        List<Row> recent = exports.recent(30).stream().map(a -> new Row(a.date().toString(),
                a.kind() + (a.amendment() == null ? "" : " " + String.format("%03d", a.amendment())), a.status(),
                time.stamp(a.started()), a.finished() == null ? "" : time.stamp(a.finished()),
                a.reason() == null ? "" : a.reason(), a.folder() == null ? "" : a.folder(), a.records(),
                a.by() == null ? "" : a.by())).toList();
        ctx.status(status);
        Pages.render(ctx, "export/admin", new ExportPage(exports.dropFolder().toString(),
                exports.settings().at().toString(), exports.due().stream().map(LocalDate::toString).toList(),
                exports.failures().stream().map(f -> new Failure(f.date().toString(), f.reason())).toList(), recent,
                date, notice != null && notice.matches("ok|failed") ? "export.notice." + notice : null, errors));
    }

    private void exportNow(Context ctx) {
        String text = ctx.formParam("date") == null ? "" : ctx.formParam("date").strip();
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null || date.isAfter(time.today())) {
            render(ctx, HttpStatus.UNPROCESSABLE_CONTENT, text, FormErrors.NONE.plus("date",
                    messages.get(Pages.locale(ctx), "export.error.date")));
            return;
        }
        ExportService.Outcome outcome = exports.exportDay(date, Pages.actor(ctx));
        ctx.redirect("/admin/export?notice=" + (outcome.ok() ? "ok" : "failed"), HttpStatus.SEE_OTHER);
    }
}
