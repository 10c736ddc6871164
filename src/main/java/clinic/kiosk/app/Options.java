package clinic.kiosk.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command line and the environment, parsed. Flags win over environment variables, which win over defaults. */
record Options(Command command, int port, Path dataDir, Path configDir, boolean demo,
               Optional<Boolean> requireEnrollment, Optional<String> adminPassword, String username,
               java.time.LocalDate date, Optional<Path> out, Optional<Path> backup, Map<String, String> env) {

    enum Command { SERVE, RESET_PASSWORD, EXPORT, BACKUP, RESTORE, ENCRYPT_DATABASE, HELP }

    /** The settings of a command that opens the data folder itself: no port, the environment's secrets. */
    App.Settings settings(java.io.PrintStream out) {
        return new App.Settings(0, dataDir, configDir, false, Optional.empty(), Optional.empty(), Optional.empty(),
                java.time.Clock.systemUTC(), out, env);
    }

    static final String USAGE = """
            Usage: java -jar intake-kiosk.jar [command] [options]

            Commands:
              serve                      start the kiosk server (the default)
              reset-password --username NAME
                                         give an account a new one-time password and print it
                                         (the server must be stopped; re-enables a disabled account)
              export --date YYYY-MM-DD [--out DIR]
                                         export that business day: into the drop folder (replacing it), or
                                         with --out into DIR/YYYY-MM-DD (DIR missing or empty), whatever the
                                         drop folder holds; also while the server runs on the data folder
              backup                     take a backup now into the backup folder (the server must be stopped;
                                         while it runs, use "Back up now" on /admin)
              restore BACKUP             restore a backup (a .zip the kiosk made) into the data folder, the server
                                         stopped: the current database is moved aside, the restored one checked
                                         (row counts, the audit chain, the signed consents' hashes)
              encrypt-database           encrypt the existing database in place with the key the environment or
                                         kiosk.yaml gives (the server stopped), once, when turning encryption on
              --help                     show this help

            Options (and the environment variable that sets each):
              --port N                   HTTP port (KIOSK_PORT, default 8080)
              --data-dir DIR             data folder: database, logs, backups, inbox (KIOSK_DATA_DIR, default data/)
              --config-dir DIR           the clinic's configuration (KIOSK_CONFIG_DIR, default kiosk-config/)
              --demo                     load today's demo schedule of fictitious patients (demo data folder only)

            Environment only:
              KIOSK_REQUIRE_ENROLLMENT   true or false; overrides kiosk.require_enrollment in kiosk.yaml
              KIOSK_ADMIN_PASSWORD       password of the first admin account, when no account exists yet
              KIOSK_DB_KEY               the database encryption key (32 characters or more), or
              KIOSK_DB_KEY_FILE          a file outside the data folder holding it (or security.database_key_file)
            """;

    static Options parse(List<String> args, Map<String, String> env) {
        Command command = Command.SERVE;
        int i = 0;
        if (!args.isEmpty() && !args.get(0).startsWith("--")) {
            command = switch (args.get(0)) {
                case "serve" -> Command.SERVE;
                case "reset-password" -> Command.RESET_PASSWORD;
                case "export" -> Command.EXPORT;
                case "backup" -> Command.BACKUP;
                case "restore" -> Command.RESTORE;
                case "encrypt-database" -> Command.ENCRYPT_DATABASE;
                case "help" -> Command.HELP;
                default -> throw new IllegalArgumentException("unknown command '" + args.get(0) + "' (see --help)");
            };
            i = 1;
        }
        String port = env.getOrDefault("KIOSK_PORT", "8080");
        String dataDir = env.getOrDefault("KIOSK_DATA_DIR", "data");
        String configDir = env.getOrDefault("KIOSK_CONFIG_DIR", "kiosk-config");
        boolean demo = false;
        String username = null;
        String date = null;
        String out = null;
        String backup = null;
        if (command == Command.RESTORE) {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new IllegalArgumentException("restore needs the backup file: restore BACKUP.zip");
            }
            backup = args.get(i++);
        }
        for (; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> command = Command.HELP;
                case "--demo" -> demo = true;
                case "--port" -> port = value(args, ++i, arg);
                case "--data-dir" -> dataDir = value(args, ++i, arg);
                case "--config-dir" -> configDir = value(args, ++i, arg);
                case "--username" -> username = value(args, ++i, arg);
                case "--date" -> date = value(args, ++i, arg);
                case "--out" -> out = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "' (see --help)");
            }
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            portNumber = -1;
        }
        if (portNumber < 0 || portNumber > 65535) {
            throw new IllegalArgumentException("port '" + port + "' is not a port number (0 to 65535)");
        }
        if (command == Command.RESET_PASSWORD && (username == null || username.isBlank())) {
            throw new IllegalArgumentException("reset-password needs --username NAME");
        }
        java.time.LocalDate day = null;
        if (command == Command.EXPORT) {
            if (date == null) {
                throw new IllegalArgumentException("export needs --date YYYY-MM-DD");
            }
            try {
                day = java.time.LocalDate.parse(date);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("--date '" + date + "' is not a date such as 2026-11-25");
            }
        }
        Optional<Boolean> enrollment = Optional.ofNullable(env.get("KIOSK_REQUIRE_ENROLLMENT")).map(v -> switch (v.strip().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("KIOSK_REQUIRE_ENROLLMENT must be true or false, was '" + v + "'");
        });
        Optional<String> adminPassword = Optional.ofNullable(env.get("KIOSK_ADMIN_PASSWORD")).filter(p -> !p.isEmpty());
        return new Options(command, portNumber, Path.of(dataDir), Path.of(configDir), demo, enrollment, adminPassword, username,
                day, Optional.ofNullable(out).map(Path::of), Optional.ofNullable(backup).map(Path::of), Map.copyOf(env));
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }
}
