package clinic.kiosk.audit;

import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.web.Pages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;

import java.util.List;

/** The admin's view of the newest audit entries and a check of the whole chain. Looking is audited too. */
public final class AuditController {
    private static final int SHOWN = 200;

    private final AuditLog audit;
    private final RouteRole[] roles;
    private final ClinicTime time;

    public AuditController(AuditLog audit, ClinicTime time, RouteRole... roles) {
        this.audit = audit;
        this.roles = roles.clone();
        this.time = time;
    }

    public void routes(JavalinConfig config) {
        config.routes.get("/admin/audit", this::page, roles);
    }

    public record Row(long seq, String at, String actor, String action, Long patientId, String subject, String remote) {}

    public record AuditPage(List<Row> rows, long checked, boolean intact, String problem) {}

    private void page(Context ctx) {
        audit.record(AuditLog.Event.of(Pages.actor(ctx), "audit.view", "newest " + SHOWN + " entries", Pages.remote(ctx)));
        AuditLog.Verification verification = audit.verify();
        List<Row> rows = audit.newest(SHOWN).stream()
                .map(e -> new Row(e.seq(), time.stamp(e.at()), e.actorKind() + " " + e.actorName(), e.action(),
                        e.patientId(), e.subject() == null ? "" : e.subject(), e.remote() == null ? "" : e.remote()))
                .toList();
        Pages.render(ctx, "audit/list", new AuditPage(rows, verification.checked(), verification.intact(),
                verification.problem().orElse(null)));
    }
}
