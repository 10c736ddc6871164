package clinic.kiosk.audit;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Iterator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The append-only audit log (45 CFR 164.312(b)): sign-ins, views and changes of patient data, exports and device
 * enrolments. Each entry carries the SHA-256 of the one before, so an edited, inserted or deleted entry breaks the
 * chain and {@link #verify()} names the first place it breaks.
 */
public final class AuditLog {
    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** What happened: an action, optionally about one patient, with a short non-clinical subject. */
    public record Event(Actor actor, String action, Long patientId, String subject, String remote) {
        public Event {
            if (action == null || action.isBlank()) {
                throw new IllegalArgumentException("an audit event needs an action");
            }
        }

        public static Event of(Actor actor, String action, String subject, String remote) {
            return new Event(actor, action, null, subject, remote);
        }
    }

    /** Records the event in its own transaction. */
    public void record(Event event) {
        jdbi.useTransaction(h -> record(h, event));
    }

    /** Records the event inside the caller's transaction, so a change and its audit entry commit together. */
    public void record(Handle handle, Event event) {
        AuditDao dao = handle.attach(AuditDao.class);
        AuditDao.Head head = dao.lockHead();
        long seq = head.lastSeq() + 1;
        Actor a = event.actor();
        AuditEntry unsigned = new AuditEntry(seq, clock.instant(), a.kind().name().toLowerCase(), a.id(), a.name(),
                event.action(), event.patientId(), truncate(event.subject(), 300), truncate(event.remote(), 64),
                head.lastHash(), "");
        String hash = sha256(unsigned.canonical());
        dao.insert(new AuditEntry(unsigned.seq(), unsigned.at(), unsigned.actorKind(), unsigned.actorId(),
                unsigned.actorName(), unsigned.action(), unsigned.patientId(), unsigned.subject(), unsigned.remote(),
                unsigned.prevHash(), hash));
        dao.moveHead(seq, hash);
    }

    public List<AuditEntry> newest(int limit) {
        return jdbi.withExtension(AuditDao.class, dao -> dao.newest(limit));
    }

    /**
     * What the admin filters by: a period, a staff member's username, patients (empty: any), an action or a family
     * of actions ("chair" matches chair.vitals, chair.event ...). Empty texts mean any.
     */
    public record Filter(Instant from, Instant to, String who, Optional<List<Long>> patients, String action) {}

    public List<AuditEntry> search(Filter f, int limit) {
        List<Long> patients = f.patients().orElse(List.of());
        return jdbi.withExtension(AuditDao.class, dao -> dao.search(f.from(), f.to(), f.who(), f.patients().isEmpty(),
                patients.isEmpty() ? List.of(-1L) : patients, f.action(), f.action().isEmpty() ? "" : f.action() + ".%", limit));
    }

    public Optional<AuditEntry> entry(long seq) {
        return jdbi.withExtension(AuditDao.class, dao -> dao.entry(seq));
    }

    /** The actions and the staff usernames the log holds, for the filters' choices. */
    public List<String> actions() {
        return jdbi.withExtension(AuditDao.class, AuditDao::actions);
    }

    public List<String> staffNames() {
        return jdbi.withExtension(AuditDao.class, AuditDao::staffNames);
    }

    /** The outcome of checking the whole chain: how many entries were checked and the first break, if any. */
    public record Verification(long checked, Optional<String> problem) {
        public boolean intact() {
            return problem.isEmpty();
        }
    }

    public Verification verify() {
        return jdbi.inTransaction(h -> {
            AuditDao dao = h.attach(AuditDao.class);
            String previous = "0".repeat(64);
            long expectedSeq = 1;
            try (Stream<AuditEntry> entries = dao.all()) {
                Iterator<AuditEntry> it = entries.iterator();
                while (it.hasNext()) {
                    AuditEntry e = it.next();
                    if (e.seq() != expectedSeq) {
                        return new Verification(expectedSeq - 1, Optional.of("entry " + expectedSeq + " is missing"));
                    }
                    if (!e.prevHash().equals(previous)) {
                        return new Verification(expectedSeq - 1, Optional.of("entry " + e.seq() + " does not follow entry " + (e.seq() - 1)));
                    }
                    if (!sha256(e.canonical()).equals(e.hash())) {
                        return new Verification(expectedSeq - 1, Optional.of("entry " + e.seq() + " was changed after it was written"));
                    }
                    previous = e.hash();
                    expectedSeq++;
                }
            }
            AuditDao.Head head = dao.head();
            if (head.lastSeq() != expectedSeq - 1 || !head.lastHash().equals(previous)) {
                return new Verification(expectedSeq - 1, Optional.of("entries after " + (expectedSeq - 1) + " were deleted"));
            }
            return new Verification(expectedSeq - 1, Optional.empty());
        });
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
