package clinic.kiosk.device;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.audit.AuditLog.Event;
import clinic.kiosk.web.Tokens;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Enrolment of devices. A device holds a long-lived cookie {@code <id>:<token>} signed with the server's key; the
 * database keeps only the token's hash, so revoking a device is one update and a copied database enrols nothing.
 */
public final class DeviceService {
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Clock clock;
    private final Tokens tokens;

    public DeviceService(Jdbi jdbi, AuditLog audit, Clock clock, Tokens tokens) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
        this.tokens = tokens;
    }

    /** The new device and the signed cookie value to give the browser that enrolled it. */
    public record Enrolled(Device device, String cookie) {}

    public Enrolled enroll(String name, DeviceRole role, Actor admin, String remote) {
        String token = Tokens.random(32);
        return jdbi.inTransaction(h -> {
            DeviceDao dao = h.attach(DeviceDao.class);
            long id = dao.insert(name, role.code(), Tokens.sha256(token), admin.id(), clock.instant());
            audit.record(h, new Event(admin, "device.enroll", null, "device " + id + " '" + name + "' as " + role.code(), remote));
            return new Enrolled(dao.byId(id).orElseThrow(), tokens.sign(id + ":" + token));
        });
    }

    /** The enrolled, unrevoked device a cookie stands for. */
    public Optional<Device> identify(String cookie) {
        String payload = tokens.verify(cookie);
        if (payload == null) {
            return Optional.empty();
        }
        int colon = payload.indexOf(':');
        long id;
        try {
            id = Long.parseLong(payload.substring(0, Math.max(colon, 0)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String hash = Tokens.sha256(payload.substring(colon + 1));
        Optional<Device> device = jdbi.withExtension(DeviceDao.class, dao -> dao.byId(id))
                .filter(d -> !d.revoked() && Tokens.equal(d.tokenHash(), hash));
        device.ifPresent(d -> {
            Instant now = clock.instant();
            jdbi.useExtension(DeviceDao.class, dao -> dao.seen(d.id(), now, now.minusSeconds(60)));
        });
        return device;
    }

    public List<Device> all() {
        return jdbi.withExtension(DeviceDao.class, DeviceDao::all);
    }

    public boolean revoke(long id, Actor admin, String remote) {
        return jdbi.inTransaction(h -> {
            DeviceDao dao = h.attach(DeviceDao.class);
            Optional<Device> device = dao.byId(id);
            if (device.isEmpty() || dao.revoke(id, admin.id(), clock.instant()) == 0) {
                return false;
            }
            audit.record(h, new Event(admin, "device.revoke", null, "device " + id + " '" + device.get().name() + "'", remote));
            return true;
        });
    }
}
