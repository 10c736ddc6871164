package clinic.kiosk.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.screening.Screening;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The export to the main records. A business day (local midnight to local midnight, as instants) goes into the
 * drop folder once, complete; what changes about it later goes out as a numbered amendment with the same ids and
 * the next version; a failure leaves nothing behind but a record of why, which every board shows until a retry
 * succeeds. One export runs at a time.
 */
public final class ExportService {
    private static final Logger log = LoggerFactory.getLogger(ExportService.class);
    private static final int FIRST_CATCH_UP_DAYS = 30;

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ClinicTime time;
    private final KioskConfig config;
    private final Path dataDir;
    private final Runnable changed;
    private final String appVersion;
    private final FhirMapping mapping;
    private final CsvRows rows;
    private final Object running = new Object();

    public ExportService(Jdbi jdbi, AuditLog audit, ClinicTime time, KioskConfig config, Screening screening,
                         Path dataDir, Runnable changed, String appVersion) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.time = time;
        this.config = config;
        this.dataDir = dataDir;
        this.changed = changed;
        this.appVersion = appVersion;
        this.mapping = new FhirMapping(config, screening);
        this.rows = new CsvRows(config);
    }

    /** The drop folder: as configured, relative to the data folder unless absolute. */
    public Path dropFolder() {
        Path folder = Path.of(config.export().folder());
        return (folder.isAbsolute() ? folder : dataDir.resolve(folder)).toAbsolutePath().normalize();
    }

    /** An export attempt's outcome. {@code kind}: day, amendment or copy (an export to another folder). */
    public record Outcome(LocalDate date, String kind, Integer amendment, boolean ok, String reason, Path folder,
                          int records) {}

    /** The day's complete export into the drop folder, replacing one already there (a re-export is audited as such). */
    public Outcome exportDay(LocalDate date, Actor actor) {
        Path drop = dropFolder();
        return run(date, "day", null, drop, drop.resolve(date.toString()), true, null, actor);
    }

    /**
     * The day's complete export into {@code out}/{date}, whatever the drop folder holds; {@code out} must be
     * missing or empty. Nothing is recorded as sent: the main records' copy is not affected.
     */
    public Outcome exportTo(LocalDate date, Path out, Actor actor) {
        Path folder = out.toAbsolutePath().normalize();
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> inside = Files.list(folder)) {
                    if (inside.findAny().isPresent()) {
                        return new Outcome(date, "copy", null, false, "the folder " + folder + " is not empty", folder, 0);
                    }
                }
            } else {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            return new Outcome(date, "copy", null, false, reason(e, folder), folder, 0);
        }
        return run(date, "copy", null, folder, folder.resolve(date.toString()), false, null, actor);
    }

    /**
     * Sends what changed since each exported day went out (and appointments added to it later) as the day's next
     * amendment, {@code YYYY-MM-DD/amendments/NNN/}. Days whose details were purged are no longer compared.
     */
    public List<Outcome> amend(Actor actor) {
        List<Outcome> outcomes = new ArrayList<>();
        for (ExportDao.Day day : jdbi.withExtension(ExportDao.class, ExportDao::days)) {
            if (day.purgedAt() != null) {
                continue;
            }
            Set<Long> changedOnes = changedSince(day.businessDate());
            if (changedOnes.isEmpty()) {
                continue;
            }
            int number = day.amendments() + 1;
            Path drop = dropFolder();
            Path target = drop.resolve(day.businessDate().toString()).resolve("amendments").resolve(String.format("%03d", number));
            Outcome outcome = run(day.businessDate(), "amendment", number, drop, target, true, changedOnes, actor);
            outcomes.add(outcome);
            if (!outcome.ok()) {
                break;
            }
        }
        return outcomes;
    }

    /** The appointments of an exported day whose record differs from what was sent, or that were never sent. */
    Set<Long> changedSince(LocalDate date) {
        Set<Long> changedOnes = new java.util.TreeSet<>();
        jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            ExportDao dao = h.attach(ExportDao.class);
            try (Stream<ExportDao.Appointment> day = dao.day(time.startOf(date), time.endOf(date))) {
                Iterator<ExportDao.Appointment> it = day.iterator();
                while (it.hasNext()) {
                    ExportDao.Appointment a = it.next();
                    String fingerprint = VisitRecord.load(dao, a).fingerprint();
                    if (dao.sent(a.appointmentId()).map(s -> !s.fingerprint().equals(fingerprint)).orElse(true)) {
                        changedOnes.add(a.appointmentId());
                    }
                }
            }
        });
        return changedOnes;
    }

    /** The days to export now, in order: every day before today not yet exported (yesterday once its time came). */
    public List<LocalDate> due() {
        LocalDate today = time.today();
        Optional<LocalDate> last = jdbi.withExtension(ExportDao.class, ExportDao::lastExportedDay);
        // Before the first export ever, a schedule may reach far back: the first run starts at most 30 days ago.
        LocalDate from = last.map(d -> d.plusDays(1)).orElseGet(() -> jdbi.withExtension(ExportDao.class,
                ExportDao::firstAppointment).map(i -> i.atZone(time.zone()).toLocalDate())
                .map(d -> d.isBefore(today.minusDays(FIRST_CATCH_UP_DAYS)) ? today.minusDays(FIRST_CATCH_UP_DAYS) : d)
                .orElse(today));
        boolean yesterdayDue = !time.now().isBefore(today.atTime(config.export().at()).atZone(time.zone()).toInstant());
        List<LocalDate> due = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(today.minusDays(1)) || (yesterdayDue && d.equals(today.minusDays(1))); d = d.plusDays(1)) {
            due.add(d);
        }
        return due;
    }

    private record Sent(long appointmentId, int version, String fingerprint) {}

    private Outcome run(LocalDate date, String kind, Integer amendment, Path base, Path target, boolean book,
                        Set<Long> only, Actor actor) {
        synchronized (running) {
            Instant started = time.now();
            // A copy into another folder is audited but is no attempt at the drop folder: it is not recorded as one.
            Long runId = kind.equals("copy") ? null : jdbi.withExtension(ExportDao.class,
                    dao -> dao.startRun(date, kind, amendment, started, actor.name()));
            Outcome outcome;
            try {
                if (!Files.isDirectory(base)) {
                    throw new NoSuchFileException(base.toString(), null, "missing");
                }
                if (amendment != null) {
                    Files.createDirectories(target.getParent());
                }
                outcome = write(date, kind, amendment, target, book, only);
            } catch (IOException | UncheckedIOException e) {
                IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                outcome = new Outcome(date, kind, amendment, false, reason(io, base), target, 0);
            }
            Outcome done = outcome;
            if (runId != null) {
                jdbi.useExtension(ExportDao.class, dao -> dao.finishRun(runId, done.ok() ? "ok" : "failed", time.now(),
                        done.reason(), done.folder().toString(), done.ok() ? done.records() : null));
            }
            String what = date + (amendment == null ? "" : " amendment " + amendment);
            if (done.ok()) {
                audit.record(AuditLog.Event.of(actor, "export." + kind, what + ": " + done.records()
                        + " appointments to " + done.folder(), null));
                log.info("Export of {} ({}) written: {} appointments", date, kind, done.records());
            } else {
                audit.record(AuditLog.Event.of(actor, "export.failed", what + ": " + done.reason(), null));
                log.warn("Export of {} ({}) failed: {}", date, kind, done.reason());
            }
            changed.run();
            return done;
        }
    }

    private Outcome write(LocalDate date, String kind, Integer amendment, Path target, boolean book, Set<Long> only)
            throws IOException {
        Instant generated = time.now();
        IParser parser = FhirContext.forR4Cached().newJsonParser();
        String bundleId = "export-" + date + (amendment == null ? "" : "-amendment-" + String.format("%03d", amendment));
        List<Sent> sent = new ArrayList<>();
        int records = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            ExportDao dao = h.attach(ExportDao.class);
            try (ExportWriter writer = ExportWriter.open(target, date, bundleId, generated, parser, mapping, rows,
                    id -> dao.pdf(id).orElseThrow());
                 Stream<ExportDao.Appointment> day = dao.day(time.startOf(date), time.endOf(date))) {
                Iterator<ExportDao.Appointment> it = day.iterator();
                while (it.hasNext()) {
                    ExportDao.Appointment a = it.next();
                    if (only != null && !only.contains(a.appointmentId())) {
                        continue;
                    }
                    VisitRecord record = VisitRecord.load(dao, a);
                    String fingerprint = record.fingerprint();
                    int version = dao.sent(a.appointmentId())
                            .map(s -> s.fingerprint().equals(fingerprint) ? s.version() : s.version() + 1).orElse(1);
                    writer.add(record, version);
                    sent.add(new Sent(a.appointmentId(), version, fingerprint));
                }
                writer.commit(generated, appVersion);
                return writer.records();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (book) {
            jdbi.useTransaction(h -> {
                ExportDao dao = h.attach(ExportDao.class);
                for (Sent s : sent) {
                    if (dao.updateSent(s.appointmentId(), date, s.version(), s.fingerprint(), generated) == 0) {
                        dao.insertSent(s.appointmentId(), date, s.version(), s.fingerprint(), generated);
                    }
                }
                if (amendment == null) {
                    if (dao.day(date).isEmpty()) {
                        dao.dayExported(date, generated);
                    }
                } else {
                    dao.amendments(date, amendment);
                }
            });
        }
        return new Outcome(date, kind, amendment, true, null, target, records);
    }

    /** A plain reason for a failed export, for the boards and the admin page. */
    static String reason(IOException e, Path base) {
        if (e instanceof NoSuchFileException) {
            return "the folder " + base + " does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "no permission to write in " + base;
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String why = f.getReason();
            if (why.contains("No space left")) {
                return "the disk of " + base + " is full";
            }
            if (why.contains("Read-only") || why.contains("Operation not permitted")) {
                return base + " is read-only";
            }
            return why + " (" + base + ")";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    // What the screens show

    /** A day whose export failed and has not succeeded since. */
    public record Failure(LocalDate date, String kind, String reason, Instant at) {}

    public List<Failure> failures() {
        return jdbi.withExtension(ExportDao.class, dao -> dao.unresolvedFailures().stream()
                .map(r -> new Failure(r.businessDate(), r.kind(), r.reason(), r.finishedAt())).toList());
    }

    /** A past attempt, as the admin page lists it. */
    public record Attempt(LocalDate date, String kind, Integer amendment, String status, Instant started,
                          Instant finished, String reason, String folder, Integer records, String by) {}

    public List<Attempt> recent(int n) {
        return jdbi.withExtension(ExportDao.class, dao -> dao.recentRuns(n).stream()
                .map(r -> new Attempt(r.businessDate(), r.kind(), r.amendment(), r.status(), r.startedAt(),
                        r.finishedAt(), r.reason(), r.folder(), r.records(), r.requestedBy())).toList());
    }

    /** Runs cut short by a stop or a crash are recorded as failed at start-up, so they are retried. */
    public void markInterrupted() {
        if (jdbi.withExtension(ExportDao.class, dao -> dao.interrupted(time.now())) > 0) {
            changed.run();
        }
    }

    public KioskConfig.ExportSettings settings() {
        return config.export();
    }
}
