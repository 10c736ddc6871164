package clinic.kiosk.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The embedded H2 database in the data folder: connection pool, migrations (with a backup before any new one
 * touches an existing database) and Jdbi.
 *
 * <p>Durability: {@code WRITE_DELAY=0} makes H2 write each commit to the file at once, so an acknowledged write
 * survives {@code kill -9}. H2 never fsyncs on commit, so a power cut can still lose what the operating system
 * had not yet written (up to about 30 seconds). {@code TRACE_LEVEL_FILE=0} keeps H2 from writing a trace file,
 * which would contain SQL with its parameter values, that is, patient data.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final JdbcConnectionPool pool;
    private final Jdbi jdbi;

    private Database(JdbcConnectionPool pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
        InstantMapping.install(jdbi);
    }

    /** Opens (creating if needed) the database under {@code <dataDir>/db/} and applies pending migrations. */
    public static Database open(Path dataDir, Clock clock) {
        Path dbDir = dataDir.resolve("db");
        try {
            Files.createDirectories(dbDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the database folder " + dbDir + ": " + e.getMessage(), e);
        }
        String url = "jdbc:h2:file:" + dbDir.toAbsolutePath().resolve("kiosk")
                + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "kiosk", "");
        pool.setMaxConnections(16);
        try {
            migrate(pool, dataDir.resolve("backups"), clock);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        return new Database(pool);
    }

    private static void migrate(JdbcConnectionPool pool, Path backups, Clock clock) {
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .javaMigrations(new V9__Flag_review())
                .loggers("slf4j")
                .load();
        var info = flyway.info();
        MigrationInfo[] pending = info.pending();
        MigrationInfo[] applied = info.applied();
        if (pending.length > 0 && applied.length > 0) {
            Path file = backups.resolve("kiosk-before-V" + pending[0].getVersion() + "-" + STAMP.format(clock.instant()) + ".zip");
            backup(pool, file);
            log.info("Backed up the database to {} before applying {} new migration(s)", file.getFileName(), pending.length);
        }
        flyway.migrate();
    }

    /** A consistent online copy of the whole database, made by H2 itself while it holds its own locks. */
    static void backup(JdbcConnectionPool pool, Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                // BACKUP takes no parameters; the path is ours (never input), quotes doubled all the same.
                s.execute("BACKUP TO '" + file.toAbsolutePath().toString().replace("'", "''") + "'");
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not back up the database before migrating, so nothing was changed: " + e.getMessage(), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Whether the database answers a trivial query now. */
    public boolean isHealthy() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Optional<String> version() {
        return Optional.of(org.h2.engine.Constants.FULL_VERSION);
    }

    @Override
    public void close() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            log.warn("Database shutdown reported {}", e.getClass().getSimpleName());
        } finally {
            pool.dispose();
        }
    }
}
