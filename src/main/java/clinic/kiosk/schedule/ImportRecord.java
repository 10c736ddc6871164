package clinic.kiosk.schedule;

import java.time.Instant;

/** One accepted schedule file and what it changed. */
public record ImportRecord(long id, String fileName, String source, String sha256, int rowCount, int created,
                           int updated, int cancelled, int unchanged, Instant importedAt, String importedBy) {}
