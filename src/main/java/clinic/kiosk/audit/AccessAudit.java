package clinic.kiosk.audit;

import clinic.kiosk.web.Pages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * Every refusal is audited: a request a route turned away (401, 403: a role that may not, a device that is not the
 * right kind, a stale CSRF token) and a request for a staff page without a valid session (sent to sign in), with who
 * asked (staff, device or anonymous), the route's pattern (or, refused before routing, the path: its ids are the
 * kiosk's own numbers, never a name) and the status.
 */
public final class AccessAudit {
    private static final String RECORDED = "access.recorded";

    private final AuditLog audit;

    public AccessAudit(AuditLog audit) {
        this.audit = audit;
    }

    public void install(JavalinConfig config) {
        config.routes.after(this::record);
    }

    /** A refusal by a route's own handler (a device that is not the right kind, a screen not allowed to watch). */
    private void record(Context ctx) {
        int status = ctx.statusCode();
        if (status == 401 || status == 403) {
            refused(ctx, Integer.toString(status));
        }
    }

    /**
     * Records a refusal now: for the checks that end the request at once (a role that may not, no valid session, a
     * stale CSRF token), after which no later handler runs. Once per request.
     */
    public void refused(Context ctx, String why) {
        if (ctx.attribute(RECORDED) != null) {
            return;
        }
        ctx.attribute(RECORDED, true);
        String route;
        try {
            route = ctx.endpoint().path;
        } catch (RuntimeException e) {
            route = ctx.path(); // before routing (a CSRF refusal): the path, whose ids are the kiosk's own numbers
        }
        audit.record(new AuditLog.Event(Pages.actor(ctx), "access.denied", null, ctx.method().name() + " " + route + ": " + why,
                Pages.remote(ctx)));
    }
}
