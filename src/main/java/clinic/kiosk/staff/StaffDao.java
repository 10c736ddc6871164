package clinic.kiosk.staff;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(StaffAccount.class)
interface StaffDao {
    @SqlQuery("SELECT COUNT(*) FROM staff")
    int count();

    @SqlQuery("SELECT * FROM staff WHERE username = :username")
    Optional<StaffAccount> byUsername(@Bind("username") String username);

    @SqlQuery("SELECT * FROM staff WHERE id = :id")
    Optional<StaffAccount> byId(@Bind("id") long id);

    @SqlQuery("SELECT * FROM staff ORDER BY disabled_at IS NOT NULL, username")
    List<StaffAccount> all();

    @SqlQuery("SELECT COUNT(*) FROM staff WHERE role = 'admin' AND disabled_at IS NULL")
    int activeAdmins();

    @SqlUpdate("""
            INSERT INTO staff (username, display_name, role, password_hash, must_change_password, created_at)
            VALUES (:username, :displayName, :role, :hash, :mustChange, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("username") String username, @Bind("displayName") String displayName, @Bind("role") String role,
                @Bind("hash") String hash, @Bind("mustChange") boolean mustChange, @Bind("now") Instant now);

    @SqlUpdate("UPDATE staff SET failed_sign_ins = failed_sign_ins + 1, last_failed_at = :now WHERE id = :id")
    void recordFailure(@Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE staff SET failed_sign_ins = 0, last_failed_at = NULL WHERE id = :id")
    void clearFailures(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE staff SET password_hash = :hash, must_change_password = :mustChange, failed_sign_ins = 0,
                   last_failed_at = NULL
             WHERE id = :id
            """)
    void setPassword(@Bind("id") long id, @Bind("hash") String hash, @Bind("mustChange") boolean mustChange);

    @SqlUpdate("UPDATE staff SET disabled_at = :now WHERE id = :id AND disabled_at IS NULL")
    int disable(@Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE staff SET disabled_at = NULL WHERE id = :id")
    int enable(@Bind("id") long id);

    // Sessions: only the SHA-256 of the token is stored.

    record SessionRow(String tokenHash, long staffId, Instant createdAt, Instant lastSeenAt, Instant endedAt) {}

    @SqlUpdate("""
            INSERT INTO staff_session (token_hash, staff_id, created_at, last_seen_at, remote)
            VALUES (:hash, :staffId, :now, :now, :remote)
            """)
    void insertSession(@Bind("hash") String hash, @Bind("staffId") long staffId, @Bind("now") Instant now,
                       @Bind("remote") String remote);

    @SqlQuery("SELECT token_hash, staff_id, created_at, last_seen_at, ended_at FROM staff_session WHERE token_hash = :hash")
    @RegisterConstructorMapper(SessionRow.class)
    Optional<SessionRow> session(@Bind("hash") String hash);

    @SqlUpdate("UPDATE staff_session SET last_seen_at = :now WHERE token_hash = :hash AND ended_at IS NULL")
    void touchSession(@Bind("hash") String hash, @Bind("now") Instant now);

    @SqlUpdate("UPDATE staff_session SET ended_at = :now WHERE token_hash = :hash AND ended_at IS NULL")
    int endSession(@Bind("hash") String hash, @Bind("now") Instant now);

    @SqlUpdate("UPDATE staff_session SET ended_at = :now WHERE staff_id = :staffId AND ended_at IS NULL")
    int endAllSessions(@Bind("staffId") long staffId, @Bind("now") Instant now);
}
