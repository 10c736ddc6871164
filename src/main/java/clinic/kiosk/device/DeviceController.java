package clinic.kiosk.device;

import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.staff.Role;
import clinic.kiosk.staff.StaffAccess;
import clinic.kiosk.web.Cookies;
import clinic.kiosk.web.Form;
import clinic.kiosk.web.FormErrors;
import clinic.kiosk.web.Messages;
import clinic.kiosk.web.Pages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The admin pages that enrol and revoke devices. */
public final class DeviceController {
    private final DeviceService devices;
    private final DeviceAccess access;
    private final StaffAccess staffAccess;
    private final Messages messages;
    private final ClinicTime time;

    public DeviceController(DeviceService devices, DeviceAccess access, StaffAccess staffAccess, Messages messages, ClinicTime time) {
        this.devices = devices;
        this.access = access;
        this.staffAccess = staffAccess;
        this.messages = messages;
        this.time = time;
    }

    public void routes(JavalinConfig config) {
        config.routes.get("/admin/devices", this::list, Role.ADMIN);
        config.routes.get("/admin/devices/enroll", ctx -> renderEnroll(ctx, HttpStatus.OK, "", "", FormErrors.NONE), Role.ADMIN);
        config.routes.post("/admin/devices/enroll", this::enroll, Role.ADMIN);
        config.routes.post("/admin/devices/{id}/revoke", this::revoke, Role.ADMIN);
    }

    public record DevicePage(String deviceName) {}

    private static String deviceName(Context ctx) {
        return DeviceAccess.device(ctx).map(Device::name).orElse(null);
    }

    public record DeviceRow(long id, String name, String role, String enrolledBy, String enrolledAt, String lastSeen,
                            boolean revoked, boolean thisBrowser) {}

    public record DeviceListPage(List<DeviceRow> rows, boolean enrollmentRequired, String notice) {}

    private void list(Context ctx) {
        Long current = DeviceAccess.device(ctx).map(Device::id).orElse(null);
        List<DeviceRow> rows = devices.all().stream()
                .map(d -> new DeviceRow(d.id(), d.name(), d.role(), d.enrolledByName(), time.dateTime(d.enrolledAt()),
                        d.lastSeenAt() == null ? "" : time.dateTime(d.lastSeenAt()), d.revoked(),
                        current != null && current == d.id()))
                .toList();
        String notice = "revoked".equals(ctx.queryParam("notice")) ? "devices.notice.revoked" : null;
        Pages.render(ctx, "device/list", new DeviceListPage(rows, access.enrollmentRequired(), notice));
    }

    public record EnrollPage(String name, String role, List<String> roles, FormErrors errors) {}

    private void renderEnroll(Context ctx, HttpStatus status, String name, String role, FormErrors errors) {
        ctx.status(status);
        List<String> roles = Arrays.stream(DeviceRole.values()).map(DeviceRole::code).toList();
        Pages.render(ctx, "device/enroll", new EnrollPage(name, role, roles, errors));
    }

    private void enroll(Context ctx) {
        Form form = new Form(ctx, messages);
        String name = form.required("name", "devices.name", 64, "devices.error.name_missing");
        Set<String> codes = Arrays.stream(DeviceRole.values()).map(DeviceRole::code).collect(Collectors.toSet());
        String role = form.choice("role", codes, "devices.error.role_missing");
        if (!form.valid()) {
            renderEnroll(ctx, HttpStatus.UNPROCESSABLE_CONTENT, name, role, form.errors());
            return;
        }
        DeviceRole deviceRole = DeviceRole.of(role).orElseThrow();
        DeviceService.Enrolled enrolled = devices.enroll(name, deviceRole, Pages.actor(ctx), Pages.remote(ctx));
        Cookies.set(ctx, DeviceAccess.COOKIE, enrolled.cookie(), DeviceAccess.COOKIE_SECONDS);
        // The admin signed in on this device to enrol it; the device must not stay signed in as them.
        staffAccess.signOutHere(ctx);
        ctx.redirect(deviceRole.home(), HttpStatus.SEE_OTHER);
    }

    private void revoke(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            id = -1;
        }
        devices.revoke(id, Pages.actor(ctx), Pages.remote(ctx));
        ctx.redirect("/admin/devices?notice=revoked", HttpStatus.SEE_OTHER);
    }
}
