package clinic.kiosk.backup;

import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.staff.Role;
import clinic.kiosk.web.Pages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Duration;

/**
 * The admin's overview ({@code /admin}): the last good backup, its age and where it is, a warning when it is older
 * than {@code backup.warn_after_hours} or the last attempt failed, and "Back up now".
 */
public final class BackupController {
    private final BackupService backups;
    private final ClinicTime time;
    private final boolean tls;

    public BackupController(BackupService backups, ClinicTime time, boolean tls) {
        this.backups = backups;
        this.time = time;
        this.tls = tls;
    }

    public void routes(JavalinConfig c) {
        c.routes.get("/admin", this::page, Role.ADMIN);
        c.routes.post("/admin/backup", this::backUpNow, Role.ADMIN);
    }

    /** {@code age}: "3 hours", "2 days"; {@code failure}: the last attempt's reason when it failed. */
    public record AdminPage(String folder, String time, int keep, boolean warn, String lastFile, String lastAt, String age,
                            Long bytes, boolean encrypted, String failedAt, String failure, String notice, boolean tls) {}

    private void page(Context ctx) {
        BackupService.Status s = backups.status();
        String notice = ctx.queryParam("notice");
        Pages.render(ctx, "backup/admin", new AdminPage(s.folder().toString(), backups.settings().at().toString(),
                backups.settings().keep(), s.warn(),
                s.lastGood().map(BackupService.Run::fileName).orElse(null),
                s.lastGood().map(r -> time.dateTime(r.finishedAt())).orElse(null),
                s.age().map(BackupController::age).orElse(null),
                s.lastGood().map(BackupService.Run::bytes).orElse(null),
                s.lastGood().map(BackupService.Run::encrypted).orElse(false),
                s.failedSince().map(r -> time.dateTime(r.finishedAt())).orElse(null),
                s.failedSince().map(BackupService.Run::reason).orElse(null),
                notice != null && notice.matches("ok|failed") ? "backup.notice." + notice : null, tls));
    }

    private void backUpNow(Context ctx) {
        BackupService.Run run = backups.backUp(Pages.actor(ctx));
        ctx.redirect("/admin?notice=" + (run.ok() ? "ok" : "failed"), HttpStatus.SEE_OTHER);
    }

    static String age(Duration d) {
        if (d.toMinutes() < 60) {
            return Math.max(0, d.toMinutes()) + " min";
        }
        if (d.toHours() < 48) {
            return d.toHours() + " h";
        }
        return d.toDays() + " days";
    }
}
