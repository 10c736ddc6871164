package clinic.kiosk.export;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * The kiosk is not the record system. A day counts as collected once the main records took its folder out of the
 * drop folder (or, when configured, some days after its export); once collected and {@code purge_after_days} old,
 * its detailed answers, free text and vitals are deleted. What continuity needs stays: course position, last
 * infusion, the last weight, PHQ-9 and GAD-7 scores over time, consents and their validity, the escort. Signed
 * consents are never deleted here (the law keeps them 6 years). A purge is audited with counts, never with PHI.
 */
public final class Retention {
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ClinicTime time;
    private final KioskConfig.ExportSettings settings;
    private final Supplier<Path> dropFolder;

    public Retention(Jdbi jdbi, AuditLog audit, ClinicTime time, KioskConfig.ExportSettings settings, Supplier<Path> dropFolder) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.time = time;
        this.settings = settings;
        this.dropFolder = dropFolder;
    }

    public void run(Actor actor) {
        Instant now = time.now();
        LocalDate today = time.today();
        for (ExportDao.Day day : jdbi.withExtension(ExportDao.class, ExportDao::days)) {
            if (day.purgedAt() != null) {
                continue;
            }
            if (day.collectedAt() == null && collected(day, now)) {
                jdbi.useExtension(ExportDao.class, dao -> dao.collected(day.businessDate(), now));
                audit.record(AuditLog.Event.of(actor, "export.collected", day.businessDate() + " collected by the main records", null));
            } else if (day.collectedAt() != null && !day.businessDate().plusDays(settings.purgeAfterDays()).isAfter(today)) {
                purge(day.businessDate(), actor);
            }
        }
    }

    private boolean collected(ExportDao.Day day, Instant now) {
        boolean taken = !Files.exists(dropFolder.get().resolve(day.businessDate().toString()).resolve("manifest.json"));
        boolean aged = settings.collectedAfterDays()
                .map(n -> !day.exportedAt().plus(Duration.ofDays(n)).isAfter(now)).orElse(false);
        return taken || aged;
    }

    /** Deletes one collected day's details in one transaction, and records the counts. */
    void purge(LocalDate date, Actor actor) {
        Instant from = time.startOf(date);
        Instant to = time.endOf(date);
        String counts = jdbi.inTransaction(h -> {
            RetentionDao dao = h.attach(RetentionDao.class);
            dao.forgetLastWeights(from, to);
            dao.keepLastWeights(from, to, time.now());
            int answers = dao.deleteAnswers(from, to);
            int vitals = dao.deleteVitals(from, to);
            int notes = dao.clearEventNotes(from, to) + dao.clearTransitionReasons(from, to)
                    + dao.clearFlagReasons(from, to) + dao.clearVoidReasons(from, to)
                    + dao.clearMedicationVoidReasons(from, to) + dao.clearDischargeNotes(from, to);
            h.attach(ExportDao.class).purged(date, time.now());
            String summary = date + ": " + answers + " answers, " + vitals + " vital sign readings, " + notes
                    + " free-text notes deleted";
            audit.record(h, AuditLog.Event.of(actor, "export.purge", summary, null));
            return summary;
        });
        org.slf4j.LoggerFactory.getLogger(Retention.class).info("Purged {}", counts);
    }
}
