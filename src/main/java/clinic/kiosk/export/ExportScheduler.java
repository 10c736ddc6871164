package clinic.kiosk.export;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.config.ClinicTime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * When exports happen: at start-up every missed day is caught up in order; each night at the configured time the
 * previous day goes out, then the amendments, then retention; after a failure everything is tried again every
 * {@code export.retry_minutes} until it succeeds. It also carries out export requests that the command line leaves
 * in {@code <data-dir>/requests/} while this server holds the database.
 */
public final class ExportScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExportScheduler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExportService exports;
    private final Retention retention;
    private final ClinicTime time;
    private final Path requests;
    private final ScheduledExecutorService thread;
    private Instant nextAttempt;
    private LocalDate amendedOn;

    public ExportScheduler(ExportService exports, Retention retention, ClinicTime time, Path requests) {
        this.exports = exports;
        this.retention = retention;
        this.time = time;
        this.requests = requests;
        this.nextAttempt = time.now();
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "export-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Looks every two seconds whether anything is due (cheap: a few small queries). */
    public void start() {
        exports.markInterrupted();
        thread.scheduleWithFixedDelay(this::tick, 0, 2, TimeUnit.SECONDS);
    }

    synchronized void tick() {
        try {
            requests();
            Instant now = time.now();
            if (now.isBefore(nextAttempt)) {
                return;
            }
            for (LocalDate day : exports.due()) {
                if (!exports.exportDay(day, Actor.system()).ok()) {
                    retryLater();
                    return;
                }
            }
            LocalDate today = time.today();
            boolean nightly = !now.isBefore(today.atTime(exports.settings().at()).atZone(time.zone()).toInstant());
            if (nightly && !today.equals(amendedOn)) {
                if (exports.amend(Actor.system()).stream().anyMatch(o -> !o.ok())) {
                    retryLater();
                    return;
                }
                retention.run(Actor.system());
                amendedOn = today;
            }
        } catch (RuntimeException e) {
            log.error("The export scheduler failed; trying again later: {}", clinic.kiosk.web.WebBaseline.describe(e));
            retryLater();
        }
    }

    private void retryLater() {
        nextAttempt = time.now().plus(exports.settings().retry());
    }

    /** Carries out the command line's requests: {"date": "YYYY-MM-DD", "out": "/folder" or absent}. */
    private void requests() {
        if (!Files.isDirectory(requests)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(requests, "export-*.json")) {
            for (Path request : files) {
                Map<String, Object> result = new LinkedHashMap<>();
                try {
                    JsonNode body = JSON.readTree(request.toFile());
                    LocalDate date = LocalDate.parse(body.path("date").asText());
                    String out = body.path("out").asText("");
                    Actor actor = Actor.system();
                    ExportService.Outcome o = out.isEmpty() ? exports.exportDay(date, actor)
                            : exports.exportTo(date, Path.of(out), actor);
                    result.put("ok", o.ok());
                    result.put("reason", o.reason());
                    result.put("folder", o.folder().toString());
                    result.put("records", o.records());
                } catch (IOException | DateTimeParseException e) {
                    result.put("ok", false);
                    result.put("reason", "the request could not be read (" + e.getClass().getSimpleName() + ")");
                }
                String name = request.getFileName().toString().replaceFirst("\\.json$", "");
                Path temp = requests.resolve(name + ".result.tmp");
                Files.write(temp, JSON.writeValueAsBytes(result));
                Files.move(temp, requests.resolve(name + ".result"), StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(request);
            }
        } catch (IOException e) {
            log.warn("Export requests could not be read ({})", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
