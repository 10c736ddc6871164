package clinic.kiosk.app;

import clinic.kiosk.config.ConfigException;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/** Parses the command line and runs a command. Exit codes: 0 done, 1 could not start or run, 2 bad usage. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(Arrays.asList(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("intake-kiosk: " + e.getMessage());
            System.exit(2);
            return;
        }
        switch (options.command()) {
            case HELP -> System.out.print(Options.USAGE);
            case SERVE -> serve(options);
            case RESET_PASSWORD -> System.exit(ResetPassword.run(options, System.out, System.err));
            case EXPORT -> System.exit(ExportCommand.run(options, System.out, System.err));
            case BACKUP -> System.exit(BackupCommands.backup(options, System.out, System.err));
            case RESTORE -> System.exit(BackupCommands.restore(options, System.out, System.err));
            case ENCRYPT_DATABASE -> System.exit(BackupCommands.encrypt(options, System.out, System.err));
        }
    }

    private static void serve(Options options) {
        App.Settings settings = new App.Settings(options.port(), options.dataDir(), options.configDir(), options.demo(),
                options.requireEnrollment(), options.adminPassword(), Optional.empty(), Clock.systemUTC(), System.out,
                options.env());
        App app;
        try {
            // The configuration is checked before anything is written to the data folder.
            App.checkConfig(settings);
            Logging.toFolder(options.dataDir().resolve("logs"));
            app = App.start(settings);
        } catch (ConfigException | StartupException e) {
            System.err.println("Intake Kiosk did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
    }
}
