package clinic.kiosk.device;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.web.Pages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Optional;

/**
 * Recognises an enrolled device by its cookie on every request, and guards the device pages. With enrolment off
 * (demo and tests), kiosk and lobby pages open on any browser and show a small "device not enrolled" notice.
 */
public final class DeviceAccess {
    static final String COOKIE = "kiosk_device";
    /** Ten years: the cookie lasts as long as the enrolment, which only an admin revokes. */
    static final int COOKIE_SECONDS = 10 * 365 * 24 * 3600;
    private static final String DEVICE = "device.current";

    private final DeviceService devices;
    private final boolean requireEnrollment;

    public DeviceAccess(DeviceService devices, boolean requireEnrollment) {
        this.devices = devices;
        this.requireEnrollment = requireEnrollment;
    }

    public void install(JavalinConfig config) {
        config.routes.before(this::identify);
    }

    private void identify(Context ctx) {
        if (Pages.needsNoIdentity(ctx)) {
            return;
        }
        String cookie = ctx.cookie(COOKIE);
        if (cookie == null) {
            return;
        }
        devices.identify(cookie).ifPresent(d -> {
            ctx.attribute(DEVICE, d);
            if (Pages.actor(ctx).kind() == Actor.Kind.ANONYMOUS) {
                Pages.actor(ctx, Actor.device(d.id(), d.name()));
            }
        });
    }

    /** The enrolled device making this request. */
    public static Optional<Device> device(Context ctx) {
        return Optional.ofNullable(ctx.attribute(DEVICE));
    }

    /**
     * Whether this request may open a page for devices of {@code role}. When it may not, the "ask the front desk"
     * page has been rendered and the caller stops.
     */
    public boolean admit(Context ctx, DeviceRole role) {
        Optional<Device> device = device(ctx);
        if (device.isPresent() && device.get().roleEnum() == role) {
            return true;
        }
        if (!requireEnrollment) {
            Pages.showUnenrolledNotice(ctx);
            return true;
        }
        ctx.status(HttpStatus.FORBIDDEN);
        Pages.render(ctx, "device/not_enrolled", new NotEnrolledPage());
        return false;
    }

    public boolean enrollmentRequired() {
        return requireEnrollment;
    }

    public record NotEnrolledPage() {}
}
