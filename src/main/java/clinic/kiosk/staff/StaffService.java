package clinic.kiosk.staff;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.audit.AuditLog.Event;
import clinic.kiosk.config.KioskConfig.StaffSettings;
import clinic.kiosk.web.Tokens;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Staff accounts, sign-in with its slow-down, sessions with idle and absolute limits, and account changes. */
public final class StaffService {
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");
    /** Failures an account may have before each further attempt must wait. */
    static final int FREE_FAILURES = 3;
    /** The longest wait: an attacker can slow one account down, never lock staff out. */
    static final long MAX_DELAY_SECONDS = 60;

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Clock clock;
    private final Passwords passwords;
    private final StaffSettings settings;

    public StaffService(Jdbi jdbi, AuditLog audit, Clock clock, StaffSettings settings) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.passwords = new Passwords(settings.passwordIterations());
    }

    /**
     * With no account at all, creates {@code admin}: with the given password, or a generated one printed once to
     * the console (not to the log file).
     */
    public void bootstrap(Optional<String> adminPassword, PrintStream console) {
        jdbi.useTransaction(h -> {
            StaffDao dao = h.attach(StaffDao.class);
            if (dao.count() > 0) {
                return;
            }
            String password = adminPassword.orElseGet(Passwords::generate);
            if (password.length() < Passwords.MIN_LENGTH) {
                throw new IllegalArgumentException("KIOSK_ADMIN_PASSWORD must have at least " + Passwords.MIN_LENGTH + " characters");
            }
            long id = dao.insert("admin", "Administrator", Role.ADMIN.code(), passwords.hash(password), false, clock.instant());
            audit.record(h, Event.of(Actor.system(), "staff.bootstrap", "created account admin (id " + id + ")", null));
            if (adminPassword.isEmpty()) {
                console.println();
                console.println("  No staff account existed, so one was created. Sign in at /desk with:");
                console.println("    Username: admin");
                console.println("    Password: " + password);
                console.println("  This is printed only once. Change it under Account > Change password.");
                console.println();
            }
        });
    }

    /**
     * The demo's clinical accounts, {@code nurse} and {@code clinician}, with the demo's known password (a folder of
     * fictitious data only): an admin account works no chair and clears no flag.
     */
    public void demoAccounts(String password) {
        jdbi.useTransaction(h -> {
            StaffDao dao = h.attach(StaffDao.class);
            for (Role role : new Role[] {Role.NURSE, Role.CLINICIAN}) {
                if (dao.byUsername(role.code()).isEmpty()) {
                    long id = dao.insert(role.code(), role == Role.NURSE ? "Demo Nurse" : "Demo Clinician", role.code(),
                            passwords.hash(password), false, clock.instant());
                    audit.record(h, Event.of(Actor.system(), "staff.create", "demo account " + role.code() + " (id " + id + ")", null));
                }
            }
        });
    }

    public sealed interface SignIn permits SignedIn, Refused, Throttled {}

    public record SignedIn(String token, StaffAccount account) implements SignIn {}

    public record Refused() implements SignIn {}

    public record Throttled(long secondsLeft) implements SignIn {}

    public SignIn signIn(String username, String password, String remote) {
        Instant now = clock.instant();
        Optional<StaffAccount> found = jdbi.withExtension(StaffDao.class, dao -> dao.byUsername(username));
        if (found.isEmpty()) {
            passwords.burn(password);
            audit.record(new Event(Actor.anonymous(), "signin.failed", null, "unknown username", remote));
            return new Refused();
        }
        StaffAccount account = found.get();
        long wait = secondsToWait(account, now);
        if (wait > 0) {
            audit.record(new Event(Actor.staff(account.id(), account.username()), "signin.throttled", null,
                    "attempt during slow-down", remote));
            return new Throttled(wait);
        }
        if (account.disabled() || !passwords.matches(password, account.passwordHash())) {
            jdbi.useTransaction(h -> {
                h.attach(StaffDao.class).recordFailure(account.id(), now);
                audit.record(h, new Event(Actor.staff(account.id(), account.username()), "signin.failed", null,
                        account.disabled() ? "account disabled" : "wrong password", remote));
            });
            return new Refused();
        }
        String token = Tokens.random(32);
        jdbi.useTransaction(h -> {
            StaffDao dao = h.attach(StaffDao.class);
            dao.clearFailures(account.id());
            if (passwords.outdated(account.passwordHash())) {
                dao.setPassword(account.id(), passwords.hash(password), account.mustChangePassword());
            }
            dao.insertSession(Tokens.sha256(token), account.id(), now, remote);
            audit.record(h, new Event(Actor.staff(account.id(), account.username()), "signin", null, null, remote));
        });
        return new SignedIn(token, account);
    }

    static long delaySeconds(int failures) {
        if (failures < FREE_FAILURES) {
            return 0;
        }
        return Math.min(MAX_DELAY_SECONDS, 1L << Math.min(failures - FREE_FAILURES, 20));
    }

    private static long secondsToWait(StaffAccount account, Instant now) {
        long delay = delaySeconds(account.failedSignIns());
        if (delay == 0 || account.lastFailedAt() == null) {
            return 0;
        }
        Instant allowed = account.lastFailedAt().plusSeconds(delay);
        return now.isBefore(allowed) ? Math.max(1, Duration.between(now, allowed).toSeconds() + 1) : 0;
    }

    /** What a session token is worth now. */
    public sealed interface SessionCheck permits Active, Expired, Unknown {}

    public record Active(StaffAccount account, String tokenHash) implements SessionCheck {}

    /** Ended by a limit just now: {@code idle} tells which, so the sign-in page can say why. */
    public record Expired(boolean idle) implements SessionCheck {}

    public record Unknown() implements SessionCheck {}

    public SessionCheck check(String token, String remote) {
        return check(token, remote, true);
    }

    /**
     * {@code touch} false for a screen's own background refreshes: they prove the screen is open, not that a
     * person is there, so they do not hold the idle limit off.
     */
    public SessionCheck check(String token, String remote, boolean touch) {
        if (token == null || token.length() > 100) {
            return new Unknown();
        }
        String hash = Tokens.sha256(token);
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            StaffDao dao = h.attach(StaffDao.class);
            Optional<StaffDao.SessionRow> row = dao.session(hash);
            if (row.isEmpty() || row.get().endedAt() != null) {
                return new Unknown();
            }
            StaffAccount account = dao.byId(row.get().staffId()).orElseThrow();
            if (account.disabled()) {
                dao.endSession(hash, now);
                return new Unknown();
            }
            boolean idle = now.isAfter(row.get().lastSeenAt().plus(settings.sessionIdle()));
            boolean tooLong = now.isAfter(row.get().createdAt().plus(settings.sessionMax()));
            if (idle || tooLong) {
                dao.endSession(hash, now);
                audit.record(h, new Event(Actor.staff(account.id(), account.username()), "signout.timeout", null,
                        idle ? "idle limit" : "absolute limit", remote));
                return new Expired(idle);
            }
            if (touch) {
                dao.touchSession(hash, now);
            }
            return new Active(account, hash);
        });
    }

    public void signOut(String tokenHash, StaffAccount account, String remote) {
        jdbi.useTransaction(h -> {
            if (h.attach(StaffDao.class).endSession(tokenHash, clock.instant()) > 0) {
                audit.record(h, new Event(Actor.staff(account.id(), account.username()), "signout", null, null, remote));
            }
        });
    }

    public enum PasswordChange { CHANGED, WRONG_CURRENT, TOO_SHORT, TOO_LONG, SAME_AS_CURRENT }

    public PasswordChange changePassword(StaffAccount account, String current, String next, String remote) {
        StaffAccount fresh = jdbi.withExtension(StaffDao.class, dao -> dao.byId(account.id())).orElseThrow();
        if (!passwords.matches(current, fresh.passwordHash())) {
            return PasswordChange.WRONG_CURRENT;
        }
        if (next.length() < Passwords.MIN_LENGTH) {
            return PasswordChange.TOO_SHORT;
        }
        if (next.length() > Passwords.MAX_LENGTH) {
            return PasswordChange.TOO_LONG;
        }
        if (next.equals(current)) {
            return PasswordChange.SAME_AS_CURRENT;
        }
        jdbi.useTransaction(h -> {
            h.attach(StaffDao.class).setPassword(account.id(), passwords.hash(next), false);
            audit.record(h, new Event(Actor.staff(account.id(), account.username()), "staff.password.change", null, null, remote));
        });
        return PasswordChange.CHANGED;
    }

    public List<StaffAccount> all() {
        return jdbi.withExtension(StaffDao.class, StaffDao::all);
    }

    /** The enabled accounts of a role, by name: the clinicians a follow-up can name. */
    public List<StaffAccount> active(Role role) {
        return all().stream().filter(a -> !a.disabled() && a.roleEnum() == role)
                .sorted(java.util.Comparator.comparing(StaffAccount::displayName)).toList();
    }

    public Optional<StaffAccount> byId(long id) {
        return jdbi.withExtension(StaffDao.class, dao -> dao.byId(id));
    }

    public static boolean validUsername(String username) {
        return USERNAME.matcher(username).matches();
    }

    /** The new account and its one-time password, or empty when the username is taken. */
    public record Created(StaffAccount account, String oneTimePassword) {}

    public Optional<Created> create(String username, String displayName, Role role, Actor by, String remote) {
        String password = Passwords.generate();
        try {
            return jdbi.inTransaction(h -> {
                StaffDao dao = h.attach(StaffDao.class);
                if (dao.byUsername(username).isPresent()) {
                    return Optional.<Created>empty();
                }
                long id = dao.insert(username, displayName, role.code(), passwords.hash(password), true, clock.instant());
                audit.record(h, new Event(by, "staff.create", null, "account " + username + " (" + role.code() + ")", remote));
                return Optional.of(new Created(dao.byId(id).orElseThrow(), password));
            });
        } catch (UnableToExecuteStatementException e) {
            return Optional.empty(); // the unique constraint settled a race between two admins
        }
    }

    public enum AccountChange { DONE, NOT_FOUND, OWN_ACCOUNT, LAST_ADMIN }

    public AccountChange disable(long id, StaffAccount by, String remote) {
        if (id == by.id()) {
            return AccountChange.OWN_ACCOUNT;
        }
        return jdbi.inTransaction(h -> {
            StaffDao dao = h.attach(StaffDao.class);
            Optional<StaffAccount> target = dao.byId(id);
            if (target.isEmpty()) {
                return AccountChange.NOT_FOUND;
            }
            if (target.get().roleEnum() == Role.ADMIN && !target.get().disabled() && dao.activeAdmins() <= 1) {
                return AccountChange.LAST_ADMIN;
            }
            if (dao.disable(id, clock.instant()) > 0) {
                dao.endAllSessions(id, clock.instant());
                audit.record(h, new Event(Actor.staff(by.id(), by.username()), "staff.disable", null,
                        "account " + target.get().username(), remote));
            }
            return AccountChange.DONE;
        });
    }

    public AccountChange enable(long id, StaffAccount by, String remote) {
        return jdbi.inTransaction(h -> {
            StaffDao dao = h.attach(StaffDao.class);
            Optional<StaffAccount> target = dao.byId(id);
            if (target.isEmpty()) {
                return AccountChange.NOT_FOUND;
            }
            if (dao.enable(id) > 0) {
                audit.record(h, new Event(Actor.staff(by.id(), by.username()), "staff.enable", null,
                        "account " + target.get().username(), remote));
            }
            return AccountChange.DONE;
        });
    }

    /**
     * Gives an account a new one-time password (changed at the next sign-in), ends its sessions and lifts any
     * slow-down. Also re-enables a disabled account: the way back in for the last admin.
     */
    public Optional<String> resetPassword(String username, Actor by, String remote) {
        String password = Passwords.generate();
        return jdbi.inTransaction(h -> {
            StaffDao dao = h.attach(StaffDao.class);
            Optional<StaffAccount> target = dao.byUsername(username);
            if (target.isEmpty()) {
                return Optional.empty();
            }
            long id = target.get().id();
            dao.setPassword(id, passwords.hash(password), true);
            dao.enable(id);
            dao.endAllSessions(id, clock.instant());
            audit.record(h, new Event(by, "staff.password.reset", null, "account " + username, remote));
            return Optional.of(password);
        });
    }
}
