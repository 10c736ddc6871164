package clinic.kiosk.checkin;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Optional;

@RegisterConstructorMapper(KioskSession.class)
interface KioskSessionDao {
    @SqlUpdate("""
            INSERT INTO kiosk_session (token_hash, device_id, created_at, last_seen_at)
            VALUES (:hash, :deviceId, :now, :now)
            """)
    void insert(@Bind("hash") String hash, @Bind("deviceId") Long deviceId, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM kiosk_session WHERE token_hash = :hash")
    Optional<KioskSession> byHash(@Bind("hash") String hash);

    @SqlUpdate("UPDATE kiosk_session SET last_seen_at = :now WHERE token_hash = :hash AND ended_at IS NULL")
    void touch(@Bind("hash") String hash, @Bind("now") Instant now);

    @SqlUpdate("UPDATE kiosk_session SET ended_at = :now WHERE token_hash = :hash AND ended_at IS NULL")
    void end(@Bind("hash") String hash, @Bind("now") Instant now);

    @SqlUpdate("UPDATE kiosk_session SET failures = failures + 1 WHERE token_hash = :hash")
    void failed(@Bind("hash") String hash);

    @SqlUpdate("INSERT INTO identify_failure (at, device_id) VALUES (:now, :deviceId)")
    void countFailure(@Bind("now") Instant now, @Bind("deviceId") Long deviceId);

    @SqlQuery("SELECT COUNT(*) FROM identify_failure WHERE at >= :from AND at < :to")
    int failuresBetween(@Bind("from") Instant from, @Bind("to") Instant to);

    /** A device's failed identifications since then (no device: every unenrolled browser's, counted together). */
    @SqlQuery("""
            SELECT COUNT(*) FROM identify_failure WHERE at >= :since
               AND (device_id = :deviceId OR (:deviceId IS NULL AND device_id IS NULL))
            """)
    int deviceFailuresSince(@Bind("deviceId") Long deviceId, @Bind("since") Instant since);

    @SqlUpdate("UPDATE kiosk_session SET visit_id = :visitId, last_seen_at = :now WHERE token_hash = :hash AND ended_at IS NULL")
    int attach(@Bind("hash") String hash, @Bind("visitId") long visitId, @Bind("now") Instant now);

    /** The same patient on a second tablet takes over: every other session of the visit ends. */
    @SqlUpdate("UPDATE kiosk_session SET ended_at = :now WHERE visit_id = :visitId AND token_hash <> :hash AND ended_at IS NULL")
    int endOthers(@Bind("visitId") long visitId, @Bind("hash") String hash, @Bind("now") Instant now);
}
