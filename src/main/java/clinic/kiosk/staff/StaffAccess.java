package clinic.kiosk.staff;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.web.Cookies;
import clinic.kiosk.web.FormErrors;
import clinic.kiosk.web.Pages;
import clinic.kiosk.web.Viewer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.security.RouteRole;

import java.util.Set;

/**
 * Who is signed in, checked on the server for every request, and whether the matched route lets them in.
 * Routes declare the roles that may use them; a route with no roles is public.
 */
public final class StaffAccess {
    static final String COOKIE = "kiosk_staff";
    private static final String ACCOUNT = "staff.account";
    private static final String TOKEN_HASH = "staff.tokenHash";
    private static final String EXPIRED = "staff.expired";

    private final StaffService staff;
    private final clinic.kiosk.audit.AccessAudit refusals;

    public StaffAccess(StaffService staff, clinic.kiosk.audit.AccessAudit refusals) {
        this.staff = staff;
        this.refusals = refusals;
    }

    public void install(JavalinConfig config) {
        config.routes.before(this::identify);
        config.routes.beforeMatched(this::authorize);
    }

    /** The signed-in account of this request, or null. */
    public static StaffAccount account(Context ctx) {
        return ctx.attribute(ACCOUNT);
    }

    static String tokenHash(Context ctx) {
        return ctx.attribute(TOKEN_HASH);
    }

    /** Ends the staff session of this browser, if any: an enrolled tablet must not keep an admin signed in. */
    public void signOutHere(Context ctx) {
        StaffAccount account = account(ctx);
        if (account != null) {
            staff.signOut(tokenHash(ctx), account, Pages.remote(ctx));
        }
        Cookies.clear(ctx, COOKIE);
    }

    private void identify(Context ctx) {
        if (Pages.needsNoIdentity(ctx)) {
            return;
        }
        String token = ctx.cookie(COOKIE);
        if (token == null) {
            return;
        }
        StaffService.SessionCheck check = staff.check(token, Pages.remote(ctx), !Pages.background(ctx));
        if (check instanceof StaffService.Active active) {
            StaffAccount a = active.account();
            ctx.attribute(ACCOUNT, a);
            ctx.attribute(TOKEN_HASH, active.tokenHash());
            Pages.viewer(ctx, new Viewer(a.username(), a.displayName(), a.role()));
            Pages.actor(ctx, Actor.staff(a.id(), a.username()));
        } else {
            Cookies.clear(ctx, COOKIE);
            if (check instanceof StaffService.Expired expired) {
                ctx.attribute(EXPIRED, expired.idle() ? "signin.notice.idle" : "signin.notice.max");
            }
        }
    }

    private void authorize(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            return;
        }
        StaffAccount account = account(ctx);
        if (account == null) {
            if (ctx.method() == HandlerType.GET && ctx.path().equals("/desk")) {
                String notice = ctx.attribute(EXPIRED);
                if (notice == null && "signed_out".equals(ctx.queryParam("notice"))) {
                    notice = "signin.notice.signed_out";
                }
                StaffController.renderSignIn(ctx, HttpStatus.OK, "", FormErrors.NONE, notice);
            } else {
                ctx.redirect("/desk", HttpStatus.SEE_OTHER);
                refusals.refused(ctx, "sign-in required");
            }
            ctx.skipRemainingHandlers();
            return;
        }
        if (account.mustChangePassword() && !ctx.path().equals("/account/password") && !ctx.path().equals("/signout")) {
            ctx.redirect("/account/password", HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        if (!roles.contains(account.roleEnum())) {
            ctx.status(HttpStatus.FORBIDDEN);
            refusals.refused(ctx, "403, role " + account.roleEnum().code());
            Pages.render(ctx, "errors/forbidden", new Forbidden(account.roleEnum().code()));
            ctx.skipRemainingHandlers();
        }
    }

    public record Forbidden(String role) {}
}
