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
    private final boolean encrypted;

    private Database(JdbcConnectionPool pool, boolean encrypted) {
        this.pool = pool;
        this.encrypted = encrypted;
        this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
        InstantMapping.install(jdbi);
    }

    /** Opens (creating if needed) the unencrypted database under {@code <dataDir>/db/} and applies pending migrations. */
    public static Database open(Path dataDir, Clock clock) {
        return open(dataDir, clock, Optional.empty());
    }

    /** The database's JDBC URL: H2's file under {@code <dataDir>/db/}, AES-encrypted when there is a key. */
    static String url(Path dataDir, boolean encrypted) {
        return "jdbc:h2:file:" + dataDir.resolve("db").toAbsolutePath().resolve("kiosk")
                + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + (encrypted ? ";CIPHER=AES" : "");
    }

    /** H2's password: the file key, a space, and the user's (empty) password. */
    static String password(Optional<DatabaseKey> key) {
        return key.map(k -> new String(k.chars()) + " ").orElse("");
    }

    /**
     * Opens (creating if needed) the database under {@code <dataDir>/db/}, encrypted with {@code key} when there is
     * one, and applies pending migrations. A database encrypted without the key given, or given a key it was not
     * made with, or not yet encrypted though a key is given, is refused with what to do.
     */
    public static Database open(Path dataDir, Clock clock, Optional<DatabaseKey> key) {
        Path dbDir = dataDir.resolve("db");
        try {
            Files.createDirectories(dbDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the database folder " + dbDir + ": " + e.getMessage(), e);
        }
        checkKey(dataDir, key);
        JdbcConnectionPool pool = JdbcConnectionPool.create(url(dataDir, key.isPresent()), "kiosk", password(key));
        pool.setMaxConnections(16);
        try {
            migrate(pool, dataDir.resolve("backups"), clock);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        try {
            OwnerOnly.folder(dbDir);
            OwnerOnly.file(dbDir.resolve("kiosk.mv.db"));
        } catch (IOException e) {
            log.warn("Could not restrict the database file to the kiosk's user: {}", e.getClass().getSimpleName());
        }
        return new Database(pool, key.isPresent());
    }

    /** Whether the key (or its absence) opens the database file, with the reason when it does not. */
    private static void checkKey(Path dataDir, Optional<DatabaseKey> key) {
        if (!Files.exists(dataDir.resolve("db").resolve("kiosk.mv.db"))) {
            return; // a new database is created as the key says
        }
        try (Connection c = java.sql.DriverManager.getConnection(url(dataDir, key.isPresent()) + ";ACCESS_MODE_DATA=r",
                "kiosk", password(key))) {
            return;
        } catch (SQLException e) {
            if (key.isEmpty() && e.getErrorCode() == org.h2.api.ErrorCode.FILE_CORRUPTED_1) {
                throw new KeyProblem("the database in " + dataDir.resolve("db") + " is encrypted (or damaged): give its key "
                        + "(KIOSK_DB_KEY, KIOSK_DB_KEY_FILE or security.database_key_file)");
            }
            if (key.isPresent() && e.getErrorCode() == org.h2.api.ErrorCode.FILE_ENCRYPTION_ERROR_1) {
                try (Connection plain = java.sql.DriverManager.getConnection(url(dataDir, false) + ";ACCESS_MODE_DATA=r", "kiosk", "")) {
                    throw new KeyProblem("the database in " + dataDir.resolve("db") + " is not encrypted yet: stop the server "
                            + "and run `java -jar intake-kiosk.jar encrypt-database` once with the key set");
                } catch (SQLException notPlain) {
                    throw new KeyProblem("the database key from " + key.get().source() + " does not open the database in "
                            + dataDir.resolve("db"));
                }
            }
            // any other problem shows when the pool opens it
        }
    }

    /** The key (or its absence) does not fit the database file: what to do is in the message. */
    public static final class KeyProblem extends IllegalStateException {
        KeyProblem(String message) {
            super(message);
        }
    }

    /**
     * Encrypts an existing unencrypted database in place with the key (the server stopped): H2 rewrites the file.
     * Returns false when the database is already encrypted with it.
     */
    public static boolean encrypt(Path dataDir, DatabaseKey key) {
        Path dbDir = dataDir.resolve("db");
        try (Connection c = java.sql.DriverManager.getConnection(url(dataDir, true) + ";ACCESS_MODE_DATA=r", "kiosk",
                password(Optional.of(key)))) {
            return false;
        } catch (SQLException alreadyNot) {
            // not yet encrypted with this key: go on
        }
        try {
            org.h2.tools.ChangeFileEncryption.execute(dbDir.toString(), "kiosk", "AES", null, key.chars(), true);
        } catch (SQLException e) {
            throw new IllegalStateException("could not encrypt the database (" + e.getClass().getSimpleName() + ")", e);
        }
        return true;
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
            OwnerOnly.createDirectories(file.getParent());
            backupTo(pool, file);
            OwnerOnly.file(file);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not back up the database before migrating, so nothing was changed: " + e.getMessage(), e);
        }
    }

    /** A consistent online copy of the whole database into {@code file} (a zip; encrypted as the database is). */
    public void backupTo(Path file) {
        try {
            backupTo(pool, file);
        } catch (SQLException e) {
            throw new IllegalStateException("the database could not be backed up (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static void backupTo(JdbcConnectionPool pool, Path file) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            // BACKUP takes no parameters; the path is ours (never input), quotes doubled all the same.
            s.execute("BACKUP TO '" + file.toAbsolutePath().toString().replace("'", "''") + "'");
        }
    }

    /** Whether the database file is encrypted (opened with a key). */
    public boolean encrypted() {
        return encrypted;
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
