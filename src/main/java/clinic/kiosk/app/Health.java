package clinic.kiosk.app;

import clinic.kiosk.export.ExportService;
import clinic.kiosk.db.Database;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code GET /health}: 200 when ready, the database answers and the disk has room; 503 otherwise. */
final class Health {
    /** Below this, writes may soon fail: the kiosk reports itself unhealthy so monitoring notices first. */
    static final long MIN_FREE_BYTES = 100L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final Path dataDir;
    private final AtomicBoolean ready;
    private final java.util.function.Supplier<Map<String, Object>> exportStatus;

    /** {@code exportStatus}: what the export says of itself (see {@link #exportStatus(ExportService)}). */
    Health(Database database, Path dataDir, AtomicBoolean ready, java.util.function.Supplier<Map<String, Object>> exportStatus) {
        this.exportStatus = exportStatus;
        this.database = database;
        this.dataDir = dataDir;
        this.ready = ready;
    }

    static String version() {
        String v = Health.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The last export attempt, and how many days' exports failed without a success since. */
    static Map<String, Object> exportStatus(ExportService exports) {
        Map<String, Object> status = new LinkedHashMap<>();
        exports.recent(1).stream().findFirst().ifPresent(a -> {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("date", a.date().toString());
            last.put("kind", a.kind());
            last.put("status", a.status());
            last.put("finishedAt", a.finished() == null ? null : a.finished().toString());
            status.put("lastExport", last);
        });
        status.put("exportFailures", exports.failures().size());
        return status;
    }

    void handle(Context ctx) throws IOException {
        boolean started = ready.get();
        boolean db = started && database.isHealthy();
        long free;
        try {
            free = Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            free = -1;
        }
        boolean disk = free >= MIN_FREE_BYTES;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !started ? "starting" : db && disk ? "ok" : "unavailable");
        body.put("database", db ? "ok" : "unavailable");
        body.put("freeDiskBytes", free);
        body.put("diskOk", disk);
        body.put("version", version());
        if (db) {
            body.putAll(exportStatus.get());
        }
        ctx.status(started && db && disk ? 200 : 503);
        ctx.contentType("application/json").result(JSON.writeValueAsString(body));
    }
}
