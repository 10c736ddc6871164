package clinic.kiosk.audit;

import clinic.kiosk.db.Database;
import clinic.kiosk.support.MutableClock;
import clinic.kiosk.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditLogTest {
    private Database db;
    private AuditLog audit;
    private final MutableClock clock = MutableClock.standard();

    @BeforeEach
    void open() {
        db = Database.open(TestApp.tempDir("audit"), clock);
        audit = new AuditLog(db.jdbi(), clock);
        for (int i = 1; i <= 5; i++) {
            audit.record(new AuditLog.Event(Actor.staff(7, "ana"), "schedule.view", (long) i, "entry " + i, "10.0.0.5"));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void an_untouched_chain_verifies() {
        AuditLog.Verification v = audit.verify();
        assertTrue(v.intact(), v.problem().orElse(""));
        assertEquals(5, v.checked());
        assertEquals(5, audit.newest(10).size());
        assertEquals("entry 5", audit.newest(1).get(0).subject());
    }

    @Test
    void an_edited_entry_is_found() {
        sql("UPDATE audit_event SET subject = 'nothing to see' WHERE seq = 3");
        AuditLog.Verification v = audit.verify();
        assertFalse(v.intact());
        assertEquals("entry 3 was changed after it was written", v.problem().orElseThrow());
    }

    @Test
    void an_edited_time_is_found() {
        sql("UPDATE audit_event SET at = at + INTERVAL '1' HOUR WHERE seq = 2");
        assertEquals("entry 2 was changed after it was written", audit.verify().problem().orElseThrow());
    }

    @Test
    void a_deleted_entry_in_the_middle_is_found() {
        sql("DELETE FROM audit_event WHERE seq = 2");
        assertEquals("entry 2 is missing", audit.verify().problem().orElseThrow());
    }

    @Test
    void a_deleted_last_entry_is_found() {
        sql("DELETE FROM audit_event WHERE seq = 5");
        assertEquals("entries after 4 were deleted", audit.verify().problem().orElseThrow());
    }

    @Test
    void a_rewritten_entry_with_a_fresh_hash_breaks_the_link_to_the_next() {
        AuditEntry e = audit.newest(5).get(2); // seq 3
        AuditEntry forged = new AuditEntry(e.seq(), e.at(), e.actorKind(), e.actorId(), e.actorName(), e.action(),
                e.patientId(), "forged", e.remote(), e.prevHash(), "");
        String hash = AuditLog.sha256(forged.canonical());
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE audit_event SET subject = 'forged', hash = :hash WHERE seq = 3")
                .bind("hash", hash).execute());
        assertEquals("entry 4 does not follow entry 3", audit.verify().problem().orElseThrow());
    }

    private void sql(String statement) {
        db.jdbi().useHandle(h -> h.execute(statement));
    }
}
