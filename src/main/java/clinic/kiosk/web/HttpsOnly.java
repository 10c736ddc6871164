package clinic.kiosk.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.function.IntSupplier;

/**
 * With HTTPS on, plain HTTP only redirects there (308, so a form's POST is repeated as a POST), except
 * {@code /health} for a local monitor; HTTPS responses carry HSTS, so a browser that has seen the kiosk over HTTPS
 * never tries plain HTTP again. Cookies are {@code Secure} over HTTPS (see {@link Cookies}).
 */
public final class HttpsOnly {
    static final String HSTS = "max-age=31536000";

    private final IntSupplier httpsPort;

    /** {@code httpsPort}: the port HTTPS listens on (known once the server has started). */
    public HttpsOnly(IntSupplier httpsPort) {
        this.httpsPort = httpsPort;
    }

    public void install(JavalinConfig config) {
        config.routes.before(this::check);
    }

    private void check(Context ctx) {
        if (ctx.req().isSecure()) {
            ctx.header("Strict-Transport-Security", HSTS);
            return;
        }
        if (ctx.path().equals("/health")) {
            return;
        }
        String host = ctx.req().getServerName();
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        ctx.redirect("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpsPort.getAsInt()
                + ctx.path() + query, HttpStatus.PERMANENT_REDIRECT);
        ctx.skipRemainingHandlers();
    }
}
