package clinic.kiosk.app;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ConfigException;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.db.Database;
import clinic.kiosk.staff.StaffService;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/** {@code reset-password --username NAME}: the way back in when the last admin forgets, with the server stopped. */
final class ResetPassword {
    private ResetPassword() {}

    static int run(Options options, PrintStream out, PrintStream err) {
        KioskConfig config;
        App.Settings settings = options.settings(out);
        try {
            config = App.config(settings);
        } catch (ConfigException e) {
            err.println("intake-kiosk: " + e.getMessage());
            return 1;
        }
        try (DataFolder folder = DataFolder.lock(options.dataDir());
             Database db = Database.open(folder.dir(), Clock.systemUTC(), settings.databaseKey(config))) {
            StaffService staff = new StaffService(db.jdbi(), new AuditLog(db.jdbi(), Clock.systemUTC()), Clock.systemUTC(), config.staff());
            Optional<String> password = staff.resetPassword(options.username(), Actor.system(), "command line");
            if (password.isEmpty()) {
                err.println("intake-kiosk: there is no account '" + options.username() + "'");
                return 1;
            }
            out.println("One-time password for " + options.username() + ": " + password.get());
            out.println("It must be changed at the next sign-in. The account is enabled and its sessions ended.");
            return 0;
        } catch (Database.KeyProblem e) {
            err.println("intake-kiosk: " + e.getMessage());
            return 1;
        } catch (StartupException e) {
            err.println("intake-kiosk: " + e.getMessage() + " (reset-password needs the server stopped)");
            return 1;
        }
    }
}
