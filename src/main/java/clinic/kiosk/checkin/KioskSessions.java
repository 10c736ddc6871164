package clinic.kiosk.checkin;

import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.web.Tokens;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Patients' sessions at the tablets, kept on the server: a reset ends the row and the browser gets a new cookie,
 * so nothing of one patient carries over to the next. A session left alone past its limit is over even if the
 * tablet's script never ran.
 */
final class KioskSessions {
    private final Jdbi jdbi;
    private final ClinicTime time;

    KioskSessions(Jdbi jdbi, ClinicTime time) {
        this.jdbi = jdbi;
        this.time = time;
    }

    String start(Long deviceId) {
        String token = Tokens.random(32);
        jdbi.useExtension(KioskSessionDao.class, dao -> dao.insert(Tokens.sha256(token), deviceId, time.now()));
        return token;
    }

    /** The live session of a token, touched; empty when unknown, ended or idle past {@code limit}. */
    Optional<KioskSession> live(String token, Duration limit) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Tokens.sha256(token);
        Instant now = time.now();
        return jdbi.inTransaction(h -> {
            KioskSessionDao dao = h.attach(KioskSessionDao.class);
            Optional<KioskSession> session = dao.byHash(hash).filter(s -> s.endedAt() == null);
            if (session.isEmpty()) {
                return Optional.empty();
            }
            if (now.isAfter(session.get().lastSeenAt().plus(limit))) {
                dao.end(hash, now);
                return Optional.empty();
            }
            dao.touch(hash, now);
            return session;
        });
    }

    /** Whether a token's session is still going, without touching it (the tablet's status poll). */
    boolean peek(String token) {
        if (token == null || token.length() > 100) {
            return false;
        }
        return jdbi.withExtension(KioskSessionDao.class, dao -> dao.byHash(Tokens.sha256(token)))
                .filter(s -> s.endedAt() == null).isPresent();
    }

    void end(String token) {
        if (token != null) {
            jdbi.useExtension(KioskSessionDao.class, dao -> dao.end(Tokens.sha256(token), time.now()));
        }
    }

    /**
     * Whether this device has failed to identify anyone {@code limit} times within {@code window}: a new session on
     * the same tablet does not start the count again, and no header a client sends (X-Forwarded-For) matters.
     */
    boolean deviceLocked(Long deviceId, int limit, java.time.Duration window) {
        return jdbi.withExtension(KioskSessionDao.class,
                dao -> dao.deviceFailuresSince(deviceId, time.now().minus(window))) >= limit;
    }

    /** Records a failed identification; returns how many this session has had. */
    int fail(String token, Long deviceId) {
        String hash = Tokens.sha256(token);
        return jdbi.inTransaction(h -> {
            KioskSessionDao dao = h.attach(KioskSessionDao.class);
            dao.failed(hash);
            dao.countFailure(time.now(), deviceId);
            return dao.byHash(hash).map(KioskSession::failures).orElse(0);
        });
    }

    /** Ties the session to the identified patient's visit; any other tablet's session of that visit ends. */
    void attach(String token, long visitId) {
        String hash = Tokens.sha256(token);
        jdbi.useTransaction(h -> {
            KioskSessionDao dao = h.attach(KioskSessionDao.class);
            dao.attach(hash, visitId, time.now());
            dao.endOthers(visitId, hash, time.now());
        });
    }

    /** The desk took the check-in over: the tablet that had it returns to the start. */
    void endVisit(long visitId) {
        jdbi.useExtension(KioskSessionDao.class, dao -> dao.endOthers(visitId, "", time.now()));
    }

    int failuresToday() {
        return jdbi.withExtension(KioskSessionDao.class, dao ->
                dao.failuresBetween(time.startOf(time.today()), time.endOf(time.today())));
    }
}
