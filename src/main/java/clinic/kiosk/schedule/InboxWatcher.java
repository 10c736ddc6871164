package clinic.kiosk.schedule;

import clinic.kiosk.audit.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Polls {@code <data-dir>/inbox/} for schedule files. A file is taken only once its size and modification time
 * are the same on two polls in a row, so a file still being copied is left alone; names ending in {@code .part}
 * or {@code .tmp} and hidden files are never taken. An imported file moves to {@code done/}, a refused one to
 * {@code failed/} with {@code <name>.errors.txt} beside it. A file of the same name already there is replaced.
 */
public final class InboxWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InboxWatcher.class);

    private final Path inbox;
    private final ScheduleService schedule;
    private final Duration interval;
    private final Map<Path, String> lastSeen = new HashMap<>();
    private ScheduledExecutorService executor;

    public InboxWatcher(Path inbox, ScheduleService schedule, Duration interval) {
        this.inbox = inbox;
        this.schedule = schedule;
        this.interval = interval;
    }

    public void start() throws IOException {
        Files.createDirectories(inbox.resolve("done"));
        Files.createDirectories(inbox.resolve("failed"));
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inbox-watcher");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (IOException | RuntimeException e) {
            log.warn("Inbox poll failed ({}); trying again at the next poll", e.getClass().getSimpleName());
        }
    }

    /** One pass over the inbox. Package-private so that tests can drive it without waiting. */
    synchronized void poll() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(inbox)) {
            files = list.filter(Files::isRegularFile).filter(InboxWatcher::candidate).sorted().toList();
        }
        lastSeen.keySet().retainAll(files);
        for (Path file : files) {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            String signature = attrs.size() + "@" + attrs.lastModifiedTime().toMillis();
            if (!signature.equals(lastSeen.put(file, signature))) {
                continue; // new or still changing: look again at the next poll
            }
            lastSeen.remove(file);
            take(file);
        }
    }

    private static boolean candidate(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && !name.endsWith(".part") && !name.endsWith(".tmp") && !name.endsWith("~");
    }

    private void take(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            fail(file, List.of("only .csv files are imported; name the file " + name + ".csv if it is a schedule"));
            return;
        }
        byte[] content = Files.readAllBytes(file);
        ScheduleService.Outcome outcome = schedule.importFile(name, content, ScheduleService.Source.INBOX, Actor.system(), null);
        if (outcome.accepted()) {
            Files.move(file, inbox.resolve("done").resolve(name), StandardCopyOption.REPLACE_EXISTING);
            ImportRecord r = outcome.imported().get();
            log.info("Imported an inbox schedule file: {} rows, {} new, {} updated, {} cancelled, {} unchanged",
                    r.rowCount(), r.created(), r.updated(), r.cancelled(), r.unchanged());
        } else {
            fail(file, outcome.errors());
        }
    }

    private void fail(Path file, List<String> errors) throws IOException {
        String name = file.getFileName().toString();
        Path failed = inbox.resolve("failed");
        Files.writeString(failed.resolve(name + ".errors.txt"), String.join("\n", errors) + "\n", StandardCharsets.UTF_8);
        Files.move(file, failed.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        // The problems name patients' details: they go to the errors file, never to the log.
        log.warn("Refused an inbox schedule file with {} problem(s); see inbox/failed/", errors.size());
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
