package clinic.kiosk.audit;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.stream.Stream;

@RegisterConstructorMapper(AuditEntry.class)
interface AuditDao {
    record Head(long lastSeq, String lastHash) {}

    /** Locks the head row for this transaction: appends are serialized by the database, not by Java. */
    @SqlQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE")
    @RegisterConstructorMapper(Head.class)
    Head lockHead();

    @SqlQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
    @RegisterConstructorMapper(Head.class)
    Head head();

    @SqlUpdate("""
            INSERT INTO audit_event (seq, at, actor_kind, actor_id, actor_name, action, patient_id, subject, remote, prev_hash, hash)
            VALUES (:seq, :at, :actorKind, :actorId, :actorName, :action, :patientId, :subject, :remote, :prevHash, :hash)
            """)
    void insert(@BindMethods AuditEntry entry);

    @SqlUpdate("UPDATE audit_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
    void moveHead(@Bind("seq") long seq, @Bind("hash") String hash);

    @SqlQuery("SELECT * FROM audit_event ORDER BY seq")
    Stream<AuditEntry> all();

    @SqlQuery("SELECT * FROM audit_event ORDER BY seq DESC LIMIT :limit")
    List<AuditEntry> newest(@Bind("limit") int limit);

    /**
     * The newest entries matching the filters. An empty text or a false flag means "any": the statement is fixed,
     * only the bound values change.
     */
    @SqlQuery("""
            SELECT * FROM audit_event
             WHERE at >= :from AND at < :to
               AND (:who = '' OR actor_name = :who)
               AND (:anyPatient OR patient_id IN (<patients>))
               AND (:action = '' OR action = :action OR action LIKE :actionPrefix)
             ORDER BY seq DESC LIMIT :limit
            """)
    List<AuditEntry> search(@Bind("from") java.time.Instant from, @Bind("to") java.time.Instant to, @Bind("who") String who,
                            @Bind("anyPatient") boolean anyPatient, @org.jdbi.v3.sqlobject.customizer.BindList("patients") List<Long> patients,
                            @Bind("action") String action, @Bind("actionPrefix") String actionPrefix, @Bind("limit") int limit);

    @SqlQuery("SELECT * FROM audit_event WHERE seq = :seq")
    java.util.Optional<AuditEntry> entry(@Bind("seq") long seq);

    @SqlQuery("SELECT DISTINCT action FROM audit_event ORDER BY action")
    List<String> actions();

    @SqlQuery("SELECT DISTINCT actor_name FROM audit_event WHERE actor_kind = 'staff' ORDER BY actor_name")
    List<String> staffNames();
}
