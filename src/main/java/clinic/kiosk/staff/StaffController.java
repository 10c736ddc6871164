package clinic.kiosk.staff;

import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.web.Cookies;
import clinic.kiosk.web.Form;
import clinic.kiosk.web.FormErrors;
import clinic.kiosk.web.Messages;
import clinic.kiosk.web.Pages;
import clinic.kiosk.web.Tokens;
import clinic.kiosk.web.WebBaseline;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Sign-in, sign-out, changing one's password, and the admin pages that add, disable and reset accounts. */
public final class StaffController {
    private final StaffService staff;
    private final Messages messages;
    private final ClinicTime time;

    public StaffController(StaffService staff, Messages messages, ClinicTime time) {
        this.staff = staff;
        this.messages = messages;
        this.time = time;
    }

    public void routes(JavalinConfig config) {
        config.routes.post("/signin", this::signIn);
        config.routes.post("/signout", this::signOut, Role.ANY);
        config.routes.get("/account/password", ctx -> renderPassword(ctx, HttpStatus.OK, FormErrors.NONE), Role.ANY);
        config.routes.post("/account/password", this::changePassword, Role.ANY);
        config.routes.get("/admin/staff", this::list, Role.ADMIN);
        config.routes.get("/admin/staff/new", ctx -> renderNew(ctx, HttpStatus.OK, "", "", "", FormErrors.NONE), Role.ADMIN);
        config.routes.post("/admin/staff", this::create, Role.ADMIN);
        config.routes.post("/admin/staff/{id}/disable", this::disable, Role.ADMIN);
        config.routes.post("/admin/staff/{id}/enable", this::enable, Role.ADMIN);
        config.routes.post("/admin/staff/{id}/reset-password", this::resetPassword, Role.ADMIN);
    }

    // Sign-in

    public record SignInPage(String username, FormErrors errors, String notice) {}

    static void renderSignIn(Context ctx, HttpStatus status, String username, FormErrors errors, String noticeKey) {
        ctx.status(status);
        Pages.render(ctx, "staff/signin", new SignInPage(username, errors, noticeKey));
    }

    private void signIn(Context ctx) {
        Form form = new Form(ctx, messages);
        String username = form.required("username", "signin.username", 32, "signin.error.username").toLowerCase(Locale.ROOT);
        String password = form.secret("password", "signin.password", Passwords.MAX_LENGTH, "signin.error.password");
        if (!form.valid()) {
            renderSignIn(ctx, HttpStatus.UNPROCESSABLE_CONTENT, username, form.errors(), null);
            return;
        }
        StaffService.SignIn result = staff.signIn(username, password, Pages.remote(ctx));
        if (result instanceof StaffService.SignedIn in) {
            String old = StaffAccess.tokenHash(ctx);
            StaffAccount previous = StaffAccess.account(ctx);
            if (old != null && previous != null) {
                staff.signOut(old, previous, Pages.remote(ctx));
            }
            Cookies.set(ctx, StaffAccess.COOKIE, in.token(), Cookies.SESSION);
            // A new CSRF value too: nothing a browser held before sign-in carries over.
            Cookies.set(ctx, WebBaseline.CSRF_COOKIE, Tokens.random(24), Cookies.SESSION);
            ctx.redirect(in.account().mustChangePassword() ? "/account/password" : "/desk", HttpStatus.SEE_OTHER);
        } else if (result instanceof StaffService.Throttled t) {
            form.errorKey("password", "signin.error.throttled", t.secondsLeft());
            renderSignIn(ctx, HttpStatus.TOO_MANY_REQUESTS, username, form.errors(), null);
        } else {
            form.errorKey("password", "signin.error.refused");
            renderSignIn(ctx, HttpStatus.UNAUTHORIZED, username, form.errors(), null);
        }
    }

    private void signOut(Context ctx) {
        staff.signOut(StaffAccess.tokenHash(ctx), StaffAccess.account(ctx), Pages.remote(ctx));
        Cookies.clear(ctx, StaffAccess.COOKIE);
        ctx.redirect("/desk?notice=signed_out", HttpStatus.SEE_OTHER);
    }

    // Own password

    public record PasswordPage(boolean forced, FormErrors errors) {}

    private void renderPassword(Context ctx, HttpStatus status, FormErrors errors) {
        ctx.status(status);
        Pages.render(ctx, "staff/password", new PasswordPage(StaffAccess.account(ctx).mustChangePassword(), errors));
    }

    private void changePassword(Context ctx) {
        Form form = new Form(ctx, messages);
        String current = form.secret("current", "password.current", Passwords.MAX_LENGTH, "password.error.current_missing");
        String next = form.secret("next", "password.next", Passwords.MAX_LENGTH, "password.error.next_missing");
        String confirm = form.secret("confirm", "password.confirm", Passwords.MAX_LENGTH, "password.error.confirm_missing");
        if (form.valid() && !next.equals(confirm)) {
            form.errorKey("confirm", "password.error.mismatch");
        }
        if (form.valid()) {
            switch (staff.changePassword(StaffAccess.account(ctx), current, next, Pages.remote(ctx))) {
                case CHANGED -> {
                    ctx.redirect("/desk?notice=password", HttpStatus.SEE_OTHER);
                    return;
                }
                case WRONG_CURRENT -> form.errorKey("current", "password.error.wrong");
                case TOO_SHORT -> form.errorKey("next", "password.error.short", Passwords.MIN_LENGTH);
                case TOO_LONG -> form.errorKey("next", "error.too_long", messages.get(Pages.locale(ctx), "password.next"), Passwords.MAX_LENGTH);
                case SAME_AS_CURRENT -> form.errorKey("next", "password.error.same");
            }
        }
        renderPassword(ctx, HttpStatus.UNPROCESSABLE_CONTENT, form.errors());
    }

    // Admin: accounts

    public record StaffRow(long id, String username, String displayName, String role, boolean disabled,
                           boolean mustChangePassword, String created, boolean self) {}

    public record StaffListPage(List<StaffRow> rows, String notice) {}

    private void list(Context ctx) {
        StaffAccount me = StaffAccess.account(ctx);
        List<StaffRow> rows = staff.all().stream()
                .map(a -> new StaffRow(a.id(), a.username(), a.displayName(), a.role(), a.disabled(),
                        a.mustChangePassword(), time.dateTime(a.createdAt()), a.id() == me.id()))
                .toList();
        String notice = Optional.ofNullable(ctx.queryParam("notice"))
                .filter(n -> Set.of("disabled", "enabled", "own", "last_admin", "not_found").contains(n))
                .map(n -> "staff.notice." + n).orElse(null);
        Pages.render(ctx, "staff/list", new StaffListPage(rows, notice));
    }

    public record NewStaffPage(String username, String displayName, String role, List<String> roles, FormErrors errors) {}

    private void renderNew(Context ctx, HttpStatus status, String username, String displayName, String role, FormErrors errors) {
        ctx.status(status);
        List<String> roles = Arrays.stream(Role.values()).map(Role::code).toList();
        Pages.render(ctx, "staff/new", new NewStaffPage(username, displayName, role, roles, errors));
    }

    public record OneTimePasswordPage(String username, String displayName, String password, boolean created) {}

    private void create(Context ctx) {
        Form form = new Form(ctx, messages);
        String username = form.required("username", "staff.username", 32, "staff.error.username_missing").toLowerCase(Locale.ROOT);
        if (!username.isEmpty() && !StaffService.validUsername(username)) {
            form.errorKey("username", "staff.error.username_format");
        }
        String displayName = form.required("displayName", "staff.display_name", 100, "staff.error.name_missing");
        Set<String> roleCodes = Arrays.stream(Role.values()).map(Role::code).collect(Collectors.toSet());
        String role = form.choice("role", roleCodes, "staff.error.role_missing");
        if (form.valid()) {
            Optional<StaffService.Created> created = staff.create(username, displayName, Role.of(role).orElseThrow(),
                    Pages.actor(ctx), Pages.remote(ctx));
            if (created.isPresent()) {
                // Shown once, in this response only; never stored in clear or logged.
                Pages.render(ctx, "staff/one_time_password", new OneTimePasswordPage(username, displayName,
                        created.get().oneTimePassword(), true));
                return;
            }
            form.errorKey("username", "staff.error.username_taken");
        }
        renderNew(ctx, HttpStatus.UNPROCESSABLE_CONTENT, username, displayName, role, form.errors());
    }

    private static long idOf(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void disable(Context ctx) {
        String notice = switch (staff.disable(idOf(ctx), StaffAccess.account(ctx), Pages.remote(ctx))) {
            case DONE -> "disabled";
            case OWN_ACCOUNT -> "own";
            case LAST_ADMIN -> "last_admin";
            case NOT_FOUND -> "not_found";
        };
        ctx.redirect("/admin/staff?notice=" + notice, HttpStatus.SEE_OTHER);
    }

    private void enable(Context ctx) {
        String notice = staff.enable(idOf(ctx), StaffAccess.account(ctx), Pages.remote(ctx)) == StaffService.AccountChange.DONE
                ? "enabled" : "not_found";
        ctx.redirect("/admin/staff?notice=" + notice, HttpStatus.SEE_OTHER);
    }

    private void resetPassword(Context ctx) {
        Optional<StaffAccount> target = staff.byId(idOf(ctx));
        Optional<String> password = target.flatMap(t -> staff.resetPassword(t.username(), Pages.actor(ctx), Pages.remote(ctx)));
        if (password.isEmpty()) {
            ctx.redirect("/admin/staff?notice=not_found", HttpStatus.SEE_OTHER);
            return;
        }
        Pages.render(ctx, "staff/one_time_password", new OneTimePasswordPage(target.get().username(),
                target.get().displayName(), password.get(), false));
    }
}
