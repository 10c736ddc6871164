package clinic.kiosk.support;

import clinic.kiosk.app.App;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The real application on port 0 with a fresh data folder, the shipped configuration (or a variant), a clock the
 * test moves, fast password hashing and a known admin password.
 */
public final class TestApp implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "correct horse battery";

    public final MutableClock clock;
    public final App app;
    public final Path dataDir;
    private final ByteArrayOutputStream console;

    private TestApp(MutableClock clock, App app, Path dataDir, ByteArrayOutputStream console) {
        this.clock = clock;
        this.app = app;
        this.dataDir = dataDir;
        this.console = console;
    }

    public static TestApp start() {
        return start(UnaryOperator.identity());
    }

    public static TestApp start(UnaryOperator<App.Settings> customize) {
        return startOn(tempDir("kiosk-data"), customize);
    }

    /** Starts the app on this data folder (a new one, or one a stopped app kept), deleted when this one closes. */
    public static TestApp startOn(Path dataDir, UnaryOperator<App.Settings> customize) {
        MutableClock clock = MutableClock.standard();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        App.Settings settings = new App.Settings(0, dataDir, shippedConfig(), false, Optional.of(true),
                Optional.of(ADMIN_PASSWORD), Optional.of(1_000), clock, new PrintStream(console, true, StandardCharsets.UTF_8));
        return new TestApp(clock, App.start(customize.apply(settings)), dataDir, console);
    }

    public static Path shippedConfig() {
        Path here = Path.of("kiosk-config").toAbsolutePath();
        if (!Files.isDirectory(here)) {
            throw new IllegalStateException("tests run from the project folder, which holds kiosk-config/");
        }
        return here;
    }

    /** A copy of the shipped configuration (forms and rules too) with kiosk.yaml changed by {@code edit}. */
    public static Path configWith(UnaryOperator<String> edit) {
        Path dir = tempDir("kiosk-config");
        try (Stream<Path> files = Files.walk(shippedConfig())) {
            for (Path f : files.toList()) {
                Path target = dir.resolve(shippedConfig().relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            String yaml = Files.readString(shippedConfig().resolve("kiosk.yaml"));
            Files.writeString(dir.resolve("kiosk.yaml"), edit.apply(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The shipped configuration with check-in steps only (no screening forms): for tests of check-in itself. */
    public static Path checkInOnlyConfig() {
        return configWith(y -> y.replaceAll("steps: \\[identify, contact, [^\\]]*\\]", "steps: [identify, contact]"));
    }

    /** Starts the app on the check-in-only configuration, with this enrolment setting. */
    public static TestApp checkInOnly(boolean requireEnrollment) {
        return start(s -> new App.Settings(s.port(), s.dataDir(), checkInOnlyConfig(), s.demo(),
                Optional.of(requireEnrollment), s.adminPassword(), s.passwordIterations(), s.clock(), s.console()));
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://localhost:" + app.port() + path;
    }

    public WebClient client() {
        return new WebClient(url(""));
    }

    /** A client signed in as the bootstrap admin. */
    public WebClient admin() {
        WebClient c = client();
        c.signIn("admin", ADMIN_PASSWORD);
        return c;
    }

    /**
     * A new staff account of this role, created by the admin, signed in on a fresh client with its own password
     * (the one-time password changed, as at a first sign-in).
     */
    public WebClient staff(String username, String role) {
        var created = admin().post("/admin/staff", java.util.Map.of("username", username,
                "displayName", username + " " + role, "role", role));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"one-time-password\">([^<]+)<").matcher(created.body());
        if (!m.find()) {
            throw new IllegalStateException("the account was not created: " + created.body());
        }
        WebClient c = client();
        c.signIn(username, m.group(1));
        String own = username + " own password 1";
        c.post("/account/password", java.util.Map.of("current", m.group(1), "next", own, "confirm", own));
        return c;
    }

    /** A browser enrolled as a kiosk tablet by the admin (who is signed out on it). */
    public WebClient tablet(String name) {
        WebClient tablet = admin();
        var r = tablet.post("/admin/devices/enroll", java.util.Map.of("name", name, "role", "kiosk"));
        if (r.statusCode() != 303) {
            throw new IllegalStateException("enrolment failed: " + r.body());
        }
        return tablet;
    }

    /** A browser enrolled as a device of this role (kiosk, lobby, board) by the admin, who is signed out on it. */
    public WebClient device(String name, String role) {
        WebClient device = admin();
        var r = device.post("/admin/devices/enroll", java.util.Map.of("name", name, "role", role));
        if (r.statusCode() != 303) {
            throw new IllegalStateException("enrolment failed: " + r.body());
        }
        return device;
    }

    /** Imports a schedule (the header is added) as the admin, through the upload. */
    public void importSchedule(String rows) {
        String csv = "appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone\n" + rows;
        var r = admin().upload("/desk/schedule", "file", "schedule.csv", csv.getBytes(StandardCharsets.UTF_8));
        if (r.statusCode() != 303) {
            throw new IllegalStateException("import failed: " + r.body());
        }
    }

    public String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** Stops the server and keeps its data folder, for a restart or a restore; returns the folder. */
    public Path stopKeepingData() {
        app.stop();
        return dataDir;
    }

    @Override
    public void close() {
        app.stop();
        deleteTree(dataDir);
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
