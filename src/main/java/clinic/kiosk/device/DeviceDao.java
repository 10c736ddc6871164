package clinic.kiosk.device;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(Device.class)
interface DeviceDao {
    String SELECT = """
            SELECT d.id, d.name, d.role, d.token_hash, d.enrolled_by, s.username AS enrolled_by_name, d.enrolled_at,
                   d.last_seen_at, d.revoked_at
              FROM device d JOIN staff s ON s.id = d.enrolled_by
            """;

    @SqlUpdate("""
            INSERT INTO device (name, role, token_hash, enrolled_by, enrolled_at)
            VALUES (:name, :role, :tokenHash, :by, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("name") String name, @Bind("role") String role, @Bind("tokenHash") String tokenHash,
                @Bind("by") long by, @Bind("now") Instant now);

    @SqlQuery(SELECT + " WHERE d.id = :id")
    Optional<Device> byId(@Bind("id") long id);

    @SqlQuery(SELECT + " ORDER BY d.revoked_at IS NOT NULL, d.name")
    List<Device> all();

    @SqlUpdate("UPDATE device SET revoked_at = :now, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
    int revoke(@Bind("id") long id, @Bind("by") long by, @Bind("now") Instant now);

    /** Written at most once a minute per device, so a busy tablet does not write on every request. */
    @SqlUpdate("""
            UPDATE device SET last_seen_at = :now
             WHERE id = :id AND (last_seen_at IS NULL OR last_seen_at < :before)
            """)
    void seen(@Bind("id") long id, @Bind("now") Instant now, @Bind("before") Instant before);
}
