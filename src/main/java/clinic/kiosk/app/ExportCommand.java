package clinic.kiosk.app;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.ConfigException;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.db.Database;
import clinic.kiosk.export.ExportService;
import clinic.kiosk.screening.Screening;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code export --date YYYY-MM-DD [--out DIR]}. With the server stopped it opens the database itself. While a
 * server holds the data folder it never touches the live database: it leaves a request in
 * {@code <data-dir>/requests/} that the server carries out, and waits for the server's answer.
 */
final class ExportCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(30);

    private ExportCommand() {
    }

    static int run(Options options, PrintStream out, PrintStream err) {
        App.Settings settings = options.settings(out);
        KioskConfig config;
        Screening screening;
        try {
            config = App.config(settings);
            screening = Screening.load(options.configDir(), config);
        } catch (ConfigException e) {
            err.println("intake-kiosk: " + e.getMessage());
            return 1;
        }
        Optional<Path> target = options.out().map(p -> p.toAbsolutePath().normalize());
        DataFolder folder;
        try {
            folder = DataFolder.lock(options.dataDir());
        } catch (StartupException e) {
            return throughServer(options, target, out, err);
        }
        try (folder; Database db = Database.open(folder.dir(), Clock.systemUTC(), settings.databaseKey(config))) {
            ClinicTime time = new ClinicTime(Clock.systemUTC(), config.clinic().timeZone());
            ExportService exports = new ExportService(db.jdbi(), new AuditLog(db.jdbi(), Clock.systemUTC()), time,
                    config, screening, folder.dir(), () -> { }, Health.version());
            if (target.isEmpty() && !Path.of(config.export().folder()).isAbsolute()) {
                Files.createDirectories(exports.dropFolder());
            }
            ExportService.Outcome o = target.isPresent() ? exports.exportTo(options.date(), target.get(), Actor.system())
                    : exports.exportDay(options.date(), Actor.system());
            return report(o.ok(), o.reason(), o.folder().toString(), o.records(), out, err);
        } catch (IOException | StartupException | Database.KeyProblem e) {
            err.println("intake-kiosk: the export could not run (" + e.getMessage() + ")");
            return 1;
        }
    }

    /** Hands the export to the running server through a request file, and waits for its result file. */
    private static int throughServer(Options options, Optional<Path> target, PrintStream out, PrintStream err) {
        Path requests = options.dataDir().resolve("requests");
        String name = "export-" + UUID.randomUUID();
        try {
            Files.createDirectories(requests);
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("date", options.date().toString());
            target.ifPresent(p -> request.put("out", p.toString()));
            Path temp = requests.resolve(name + ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(request));
            Files.move(temp, requests.resolve(name + ".json"), StandardCopyOption.ATOMIC_MOVE);
            out.println("A server is running on " + options.dataDir() + ": it carries out the export.");
            Path result = requests.resolve(name + ".result");
            Instant until = Instant.now().plus(WAIT);
            while (!Files.exists(result)) {
                if (Instant.now().isAfter(until)) {
                    err.println("intake-kiosk: the server did not answer within " + WAIT.toMinutes() + " minutes");
                    return 1;
                }
                Thread.sleep(500);
            }
            JsonNode answer = JSON.readTree(result.toFile());
            Files.deleteIfExists(result);
            return report(answer.path("ok").asBoolean(), answer.path("reason").asText(null), answer.path("folder").asText(),
                    answer.path("records").asInt(), out, err);
        } catch (IOException e) {
            err.println("intake-kiosk: the request could not be written (" + e.getMessage() + ")");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int report(boolean ok, String reason, String folder, int records, PrintStream out, PrintStream err) {
        if (ok) {
            out.println("Exported " + records + " appointments to " + folder);
            return 0;
        }
        err.println("intake-kiosk: the export failed: " + reason);
        return 1;
    }
}
