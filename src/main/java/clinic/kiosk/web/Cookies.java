package clinic.kiosk.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/** Every cookie this server sets: HttpOnly, SameSite=Strict, path /, and Secure when the request came over TLS. */
public final class Cookies {
    /** Lasts until the browser closes. */
    public static final int SESSION = -1;

    private Cookies() {}

    public static void set(Context ctx, String name, String value, int maxAgeSeconds) {
        ctx.cookie(new Cookie(name, value, "/", maxAgeSeconds, ctx.req().isSecure(), true, null, SameSite.STRICT));
    }

    public static void clear(Context ctx, String name) {
        ctx.cookie(new Cookie(name, "", "/", 0, ctx.req().isSecure(), true, null, SameSite.STRICT));
    }
}
