package clinic.kiosk.web;

import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every response gets, whatever feature serves it: security headers, no caching of pages, a CSRF check on
 * every state-changing request, request size limits, and error pages that leak nothing. Errors are logged with a
 * reference and the exception's type and frames, never its message, since messages of database exceptions carry
 * SQL parameter values (patient data).
 */
public final class WebBaseline {
    private static final Logger log = LoggerFactory.getLogger(WebBaseline.class);

    /** The largest ordinary form post; a schedule upload may be larger (see {@link #MAX_UPLOAD_BYTES}). */
    public static final long MAX_FORM_BYTES = 64 * 1024;
    public static final long MAX_UPLOAD_BYTES = 5L * 1024 * 1024;
    public static final String CSRF_COOKIE = "kiosk_csrf";
    public static final String CSRF_FIELD = "_csrf";
    /** A patient's choice of language at the tablet; it wins over the browser's and ends with their session. */
    public static final String LANGUAGE_COOKIE = "kiosk_lang";

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "interest-cohort=()";

    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final Set<String> uploadPaths;
    private java.util.function.BiConsumer<Context, String> refusals = (ctx, why) -> { };

    /** Who hears of a request refused here (a stale or missing CSRF token): the access audit. */
    public WebBaseline onRefusal(java.util.function.BiConsumer<Context, String> listener) {
        this.refusals = listener;
        return this;
    }

    /** @param uploadPaths paths that accept a file upload up to {@link #MAX_UPLOAD_BYTES} */
    public WebBaseline(String... uploadPaths) {
        this.uploadPaths = Arrays.stream(uploadPaths).collect(Collectors.toUnmodifiableSet());
    }

    public void install(JavalinConfig config) {
        config.http.maxRequestSize = MAX_UPLOAD_BYTES;
        config.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_BYTES, SizeUnit.BYTES);
        config.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_BYTES, SizeUnit.BYTES);
        config.jetty.modifyServletContextHandler(handler -> handler.setMaxFormContentSize((int) MAX_FORM_BYTES));
        config.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
        });

        config.routes.before(this::headers);
        config.routes.before(this::sizeLimit);
        config.routes.before(this::language);
        config.routes.before(this::csrf);

        config.routes.error(404, "*", ctx -> errorPage(ctx, "errors/not_found"));
        config.routes.error(405, "*", ctx -> errorPage(ctx, "errors/not_found"));
        config.routes.error(413, "*", ctx -> errorPage(ctx, "errors/too_large"));
        // Javalin's own refusals (a body over the request limit without a declared length, ...) keep their status.
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            ctx.status(e.getStatus());
            render(ctx, e.getStatus() == 413 ? "errors/too_large" : "errors/not_found", new ErrorPage(""));
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            String reference = Tokens.random(6);
            log.error("Request failed, reference {}: {} {} -> {}", reference, ctx.method(), routeOf(ctx), describe(e));
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR);
            render(ctx, "errors/server_error", new ErrorPage(reference));
        });
    }

    private void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Permissions-Policy", PERMISSIONS);
        ctx.header("X-Frame-Options", "DENY");
        if (!ctx.path().startsWith("/static/") && !ctx.path().startsWith("/webjars/")) {
            // Pages may show patient data: never stored by the browser or the back-forward cache.
            ctx.header("Cache-Control", "no-store");
            ctx.header("Pragma", "no-cache");
        }
    }

    private void sizeLimit(Context ctx) {
        // A signature on the desk's screen posts to /desk/check-in/<id>/step/consents.
        boolean upload = uploadPaths.contains(ctx.path()) || ctx.path().endsWith("/step/consents");
        long limit = upload ? MAX_UPLOAD_BYTES : MAX_FORM_BYTES;
        if (ctx.req().getContentLengthLong() > limit) {
            ctx.status(HttpStatus.CONTENT_TOO_LARGE);
            ctx.header("Connection", "close");
            render(ctx, "errors/too_large", new ErrorPage(""));
            ctx.skipRemainingHandlers();
        }
    }

    private void language(Context ctx) {
        String chosen = ctx.cookie(LANGUAGE_COOKIE);
        if (chosen != null) {
            Pages.locale(ctx, Locale.forLanguageTag(chosen));
            return;
        }
        String header = ctx.header("Accept-Language");
        Locale locale = Messages.ENGLISH;
        if (header != null) {
            try {
                var ranges = Locale.LanguageRange.parse(header);
                Locale match = Locale.lookup(ranges, Messages.SUPPORTED);
                if (match != null) {
                    locale = match;
                }
            } catch (IllegalArgumentException ignored) {
                // A malformed header means English.
            }
        }
        Pages.locale(ctx, locale);
    }

    /**
     * Double-submit token: a random value in an HttpOnly, SameSite=Strict cookie that each form repeats in a hidden
     * field. Another site can neither read the cookie nor make the browser send it.
     */
    private void csrf(Context ctx) {
        String cookie = ctx.cookie(CSRF_COOKIE);
        if (cookie == null || cookie.length() < 20 || cookie.length() > 100) {
            cookie = Tokens.random(24);
            Cookies.set(ctx, CSRF_COOKIE, cookie, Cookies.SESSION);
        }
        Pages.csrf(ctx, cookie);
        if (SAFE.contains(ctx.method()) || ctx.statusCode() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
            return;
        }
        String sent = ctx.header("X-CSRF-Token");
        if (sent == null) {
            sent = ctx.formParam(CSRF_FIELD);
        }
        if (!Tokens.equal(cookie, sent)) {
            ctx.status(HttpStatus.FORBIDDEN);
            refusals.accept(ctx, "403, CSRF token missing or stale");
            render(ctx, "errors/expired", new ErrorPage(""));
            ctx.skipRemainingHandlers();
        }
    }

    private static void errorPage(Context ctx, String template) {
        String type = ctx.res().getContentType();
        if (type != null && type.startsWith("text/html") && ctx.result() != null && !ctx.result().isEmpty()) {
            return; // a handler already rendered its own page
        }
        render(ctx, template, new ErrorPage(""));
    }

    private static void render(Context ctx, String template, ErrorPage page) {
        try {
            Pages.render(ctx, template, page);
        } catch (RuntimeException e) {
            log.error("Error page {} failed: {}", template, describe(e));
            ctx.contentType("text/plain; charset=utf-8").result("Something went wrong.");
        }
    }

    /** The matched route pattern (never the concrete path, which could carry an identifier). */
    private static String routeOf(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "(no route)";
        }
    }

    /** Exception types and frames only: messages may carry patient data. */
    public static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                out.append("\n    at ").append(frames[i]);
            }
            if (t.getCause() != null) {
                out.append("\n  caused by ");
            }
        }
        return out.toString();
    }

    /** The view model of the error pages: a reference the IT person can find in the log. */
    public record ErrorPage(String reference) {}
}
