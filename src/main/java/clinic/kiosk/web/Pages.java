package clinic.kiosk.web;

import clinic.kiosk.audit.Actor;
import io.javalin.http.Context;

import java.util.Locale;
import java.util.Map;

/**
 * Per-request facts that handlers set and pages read: the language, the CSRF token, the acting staff member or
 * device, and whether to show the "device not enrolled" notice. Kept as request attributes, never in statics.
 */
public final class Pages {
    private static final String LOCALE = "kiosk.locale";
    private static final String CSRF = "kiosk.csrf";
    private static final String ACTOR = "kiosk.actor";
    private static final String VIEWER = "kiosk.viewer";
    private static final String UNENROLLED = "kiosk.unenrolled";

    private Pages() {}

    /** Renders {@code templates/<template>.peb} with its one view-model record as {@code page}. */
    public static void render(Context ctx, String template, Record page) {
        ctx.render(template, Map.of("page", page));
        ctx.contentType("text/html; charset=utf-8");
    }

    public static Locale locale(Context ctx) {
        Locale locale = ctx.attribute(LOCALE);
        return locale == null ? Messages.ENGLISH : locale;
    }

    public static void locale(Context ctx, Locale locale) {
        ctx.attribute(LOCALE, Messages.supported(locale));
    }

    public static String csrf(Context ctx) {
        String token = ctx.attribute(CSRF);
        return token == null ? "" : token;
    }

    static void csrf(Context ctx, String token) {
        ctx.attribute(CSRF, token);
    }

    public static Actor actor(Context ctx) {
        Actor actor = ctx.attribute(ACTOR);
        return actor == null ? Actor.anonymous() : actor;
    }

    public static void actor(Context ctx, Actor actor) {
        ctx.attribute(ACTOR, actor);
    }

    public static Viewer viewer(Context ctx) {
        return ctx.attribute(VIEWER);
    }

    public static void viewer(Context ctx, Viewer viewer) {
        ctx.attribute(VIEWER, viewer);
    }

    public static boolean unenrolledNotice(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(UNENROLLED));
    }

    public static void showUnenrolledNotice(Context ctx) {
        ctx.attribute(UNENROLLED, Boolean.TRUE);
    }

    /** Static files and the health check: no session, device or database look-up is needed for them. */
    public static boolean needsNoIdentity(Context ctx) {
        return ctx.path().startsWith("/static/") || ctx.path().equals("/health");
    }

    /** A page's own refresh in the background (header {@code X-Background: 1}), not a person's action. */
    public static boolean background(Context ctx) {
        return "1".equals(ctx.header("X-Background"));
    }

    /** The address the request came from. Never X-Forwarded-For, which any client can set. */
    public static String remote(Context ctx) {
        return ctx.req().getRemoteAddr();
    }
}
