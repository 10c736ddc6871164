package clinic.kiosk.app;

import clinic.kiosk.audit.AuditController;
import clinic.kiosk.backup.BackupController;
import clinic.kiosk.backup.BackupScheduler;
import clinic.kiosk.backup.BackupService;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.consent.ConsentCatalog;
import clinic.kiosk.consent.ConsentService;
import clinic.kiosk.config.ConfigException;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.db.Database;
import clinic.kiosk.db.DatabaseKey;
import clinic.kiosk.checkin.CheckIn;
import clinic.kiosk.desk.Board;
import clinic.kiosk.desk.ChairController;
import clinic.kiosk.desk.DeskController;
import clinic.kiosk.desk.LobbyController;
import clinic.kiosk.export.ExportController;
import clinic.kiosk.export.ExportScheduler;
import clinic.kiosk.export.ExportService;
import clinic.kiosk.export.Retention;
import clinic.kiosk.queue.ChairService;
import clinic.kiosk.queue.QueueEvents;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.device.DeviceAccess;
import clinic.kiosk.device.DeviceController;
import clinic.kiosk.device.DeviceService;
import clinic.kiosk.schedule.DemoSchedule;
import clinic.kiosk.schedule.InboxWatcher;
import clinic.kiosk.schedule.ScheduleController;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.screening.Screening;
import clinic.kiosk.screening.ScreeningController;
import clinic.kiosk.screening.ScreeningService;
import clinic.kiosk.staff.Role;
import clinic.kiosk.staff.StaffAccess;
import clinic.kiosk.staff.StaffController;
import clinic.kiosk.staff.StaffService;
import clinic.kiosk.web.Messages;
import clinic.kiosk.web.PebbleRenderer;
import clinic.kiosk.web.Tokens;
import clinic.kiosk.web.WebBaseline;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The composition root: configuration, data folder, database, services, controllers, Javalin. Tests start the
 * real application on port 0 through {@link #start(Settings)} and stop it with {@link #stop()}.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    /** The demo's known admin password, for a folder of fictitious data only. */
    static final String DEMO_ADMIN_PASSWORD = "kiosk-demo-admin";

    /** Everything a start needs, from the command line, the environment or a test. */
    /** {@code env}: the environment's secrets (KIOSK_DB_KEY, KIOSK_DB_KEY_FILE, the keystore's password variable). */
    public record Settings(int port, Path dataDir, Path configDir, boolean demo, Optional<Boolean> requireEnrollment,
                           Optional<String> adminPassword, Optional<Integer> passwordIterations, Clock clock,
                           PrintStream console, Map<String, String> env) {
        public Settings {
            env = Map.copyOf(env);
        }

        /** Without secrets from the environment (tests, and commands that need none). */
        public Settings(int port, Path dataDir, Path configDir, boolean demo, Optional<Boolean> requireEnrollment,
                        Optional<String> adminPassword, Optional<Integer> passwordIterations, Clock clock, PrintStream console) {
            this(port, dataDir, configDir, demo, requireEnrollment, adminPassword, passwordIterations, clock, console, Map.of());
        }

        public Settings withPort(int value) {
            return new Settings(value, dataDir, configDir, demo, requireEnrollment, adminPassword, passwordIterations, clock, console, env);
        }

        public Settings withEnv(Map<String, String> value) {
            return new Settings(port, dataDir, configDir, demo, requireEnrollment, adminPassword, passwordIterations, clock, console, value);
        }

        /** The database key the environment or kiosk.yaml gives, checked (a bad one stops the start with why). */
        Optional<DatabaseKey> databaseKey(KioskConfig config) {
            try {
                return DatabaseKey.find(env, config.security().databaseKeyFile(), dataDir);
            } catch (IllegalArgumentException e) {
                throw new StartupException(e.getMessage(), e);
            }
        }
    }

    private final DataFolder folder;
    private final Database database;
    private final InboxWatcher inbox;
    private final Javalin javalin;
    private final AtomicBoolean ready;
    private final DeskController desk;
    private final LobbyController lobby;
    private final ExportScheduler scheduler;
    private final BackupScheduler backupScheduler;
    private final List<Route> routes;
    private final AuditLog auditLog;

    /** A route as the router holds it: its method, path and the staff roles it admits (none: not a staff route). */
    public record Route(String method, String path, Set<String> roles) {}

    private App(DataFolder folder, Database database, InboxWatcher inbox, Javalin javalin, AtomicBoolean ready,
                DeskController desk, LobbyController lobby, ExportScheduler scheduler, BackupScheduler backupScheduler,
                List<Route> routes, AuditLog auditLog) {
        this.routes = List.copyOf(routes);
        this.auditLog = auditLog;
        this.backupScheduler = backupScheduler;
        this.lobby = lobby;
        this.scheduler = scheduler;
        this.desk = desk;
        this.folder = folder;
        this.database = database;
        this.inbox = inbox;
        this.javalin = javalin;
        this.ready = ready;
    }

    /** Loads and checks the whole configuration (kiosk.yaml, forms, flag rules) before anything is written. */
    static KioskConfig checkConfig(Settings s) {
        KioskConfig config = config(s);
        Screening.load(s.configDir(), config);
        ConsentCatalog.load(s.configDir(), config);
        clinic.kiosk.desk.DischargeInstructions.load(s.configDir(), config);
        return config;
    }

    /** Loads the configuration with the settings' overrides applied. */
    static KioskConfig config(Settings s) {
        KioskConfig config = ConfigLoader.load(s.configDir());
        if (s.requireEnrollment().isPresent()) {
            config = config.withKiosk(config.kiosk().withRequireEnrollment(s.requireEnrollment().get()));
        }
        if (s.passwordIterations().isPresent()) {
            config = config.withStaff(config.staff().withPasswordIterations(s.passwordIterations().get()));
        }
        return config;
    }

    public static App start(Settings s) {
        KioskConfig config = config(s);
        DataFolder folder = DataFolder.lock(s.dataDir());
        Database database = null;
        InboxWatcher inbox = null;
        ExportScheduler scheduler = null;
        BackupScheduler backupScheduler = null;
        try {
            folder.checkDemo(s.demo());
            Tokens tokens = new Tokens(folder.signingKey());
            database = Database.open(s.dataDir(), s.clock(), s.databaseKey(config));
            AuditLog audit = new AuditLog(database.jdbi(), s.clock());
            Messages messages = new Messages();

            StaffService staff = new StaffService(database.jdbi(), audit, s.clock(), config.staff());
            staff.bootstrap(s.demo() ? s.adminPassword().or(() -> Optional.of(DEMO_ADMIN_PASSWORD)) : s.adminPassword(), s.console());
            if (s.demo()) {
                staff.demoAccounts(DEMO_ADMIN_PASSWORD);
            }
            DeviceService devices = new DeviceService(database.jdbi(), audit, s.clock(), tokens);
            ClinicTime time = new ClinicTime(s.clock(), config.clinic().timeZone());
            QueueEvents events = new QueueEvents();
            ScheduleService schedule = new ScheduleService(database.jdbi(), audit, time, config, () -> events.publish("schedule"));
            Screening screeningConfig = Screening.load(s.configDir(), config);
            ScreeningService screening = new ScreeningService(database.jdbi(), audit, time, config, screeningConfig, events);
            VisitService visits = new VisitService(database.jdbi(), audit, time, events, new VisitService.Safety() {
                @Override
                public boolean followUpNeeded(long visitId) {
                    return screening.followUpNeeded(visitId);
                }

                @Override
                public void recordFollowUp(org.jdbi.v3.core.Handle h, long visitId, clinic.kiosk.queue.FollowUp followUp,
                                           clinic.kiosk.audit.Actor actor) {
                    screening.recordFollowUp(h, visitId, followUp, actor);
                }
            });
            if (s.demo()) {
                DemoSchedule.load(schedule, config, time);
            }

            clinic.kiosk.audit.AccessAudit refusals = new clinic.kiosk.audit.AccessAudit(audit);
            StaffAccess staffAccess = new StaffAccess(staff, refusals);
            DeviceAccess deviceAccess = new DeviceAccess(devices, config.kiosk().requireEnrollment());
            StaffController staffController = new StaffController(staff, messages, time);
            DeviceController deviceController = new DeviceController(devices, deviceAccess, staffAccess, messages, time);
            ScheduleController scheduleController = new ScheduleController(schedule, config, time);
            ConsentService consents = new ConsentService(database.jdbi(), audit, time, ConsentCatalog.load(s.configDir(), config));
            ChairService chairs = new ChairService(database.jdbi(), audit, time, config, visits, events, new ChairService.Safety() {
                @Override
                public boolean openBlock(long visitId) {
                    return screening.blocked(visitId);
                }

                @Override
                public int unacknowledgedAlerts(long visitId) {
                    return screening.alertsPending(visitId);
                }

                @Override
                public void alarm(org.jdbi.v3.core.Handle h, long visitId, String code, String message,
                                  clinic.kiosk.audit.Actor actor) {
                    screening.alarm(h, visitId, code, message, actor);
                }

                @Override
                public boolean alarmOpen(long visitId) {
                    return screening.alarmOpen(visitId);
                }
            });
            chairs.syncPlaces();
            CheckIn checkIn = new CheckIn(database.jdbi(), time, config, visits, schedule, screening, consents, deviceAccess, messages,
                    visitId -> java.util.Optional.ofNullable(chairs.waits().get(visitId)));
            ScreeningController screeningController = new ScreeningController(screening, visits, schedule, audit, time, messages,
                    config, consents, checkIn.readiness(), new clinic.kiosk.db.Transactions(database.jdbi()));
            ExportService exports = new ExportService(database.jdbi(), audit, time, config, screeningConfig, s.dataDir(),
                    () -> events.publish("export"), Health.version());
            if (!Path.of(config.export().folder()).isAbsolute()) {
                Files.createDirectories(exports.dropFolder()); // the kiosk's own drop folder; one configured elsewhere must exist
            }
            Retention retention = new Retention(database.jdbi(), audit, time, config.export(), exports::dropFolder);
            ExportController exportController = new ExportController(exports, time, messages);
            Board board = new Board(database.jdbi(), audit, time, config, schedule, screening, chairs, checkIn::failuresToday,
                    exports::failures);
            java.util.function.Supplier<java.util.List<clinic.kiosk.staff.StaffAccount>> clinicians = () -> staff.active(Role.CLINICIAN);
            DeskController deskController = new DeskController(board, events, visits, schedule, deviceAccess, messages, config,
                    time, clinicians);
            ChairController chairController = new ChairController(chairs, visits, schedule, board, audit, messages, config,
                    time, clinicians, () -> staff.all().stream().filter(a -> !a.disabled() && a.roleEnum().clinical())
                            .sorted(java.util.Comparator.comparing(clinic.kiosk.staff.StaffAccount::displayName)).toList(),
                    screening, clinic.kiosk.desk.DischargeInstructions.load(s.configDir(), config));
            LobbyController lobbyController = new LobbyController(chairs, deviceAccess, events);
            AuditController auditController = new AuditController(audit, time, schedule::patientIdsNamed, Role.ADMIN);
            BackupService backups = new BackupService(database, audit, s.clock(), config.backup(), s.dataDir());
            BackupController backupController = new BackupController(backups, time, config.security().tls().isPresent());
            AtomicBoolean ready = new AtomicBoolean(false);
            Health health = new Health(database, s.dataDir(), ready, () -> Health.exportStatus(exports));

            Database db = database;
            Optional<Tls> tls = config.security().tls().map(t -> Tls.load(t, s.configDir(), s.env()));
            java.util.concurrent.atomic.AtomicReference<Javalin> started = new java.util.concurrent.atomic.AtomicReference<>();
            List<Route> routes = new java.util.concurrent.CopyOnWriteArrayList<>();
            Javalin javalin = Javalin.create(c -> {
                c.events.handlerAdded(h -> {
                    if (h.getHttpMethod().isHttpMethod()) {
                        routes.add(new Route(h.getHttpMethod().name(), h.getPath(), h.getRoles().stream()
                                .map(r -> r instanceof Role role ? role.code() : r.toString())
                                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new))));
                    }
                });
                tls.ifPresent(t -> {
                    t.install(c, s.port());
                    new clinic.kiosk.web.HttpsOnly(() -> httpsPort(started.get()).orElse(0)).install(c);
                });
                c.startup.showJavalinBanner = false;
                c.startup.showOldJavalinVersionWarning = false;
                c.fileRenderer(new PebbleRenderer(messages, config.clinic().name(), s.demo(),
                        java.util.Map.of("states", clinic.kiosk.queue.VisitState.byName())));
                c.staticFiles.enableWebjars();
                c.staticFiles.add(sf -> {
                    sf.hostedPath = "/static";
                    sf.directory = "/public";
                    sf.location = Location.CLASSPATH;
                });
                new WebBaseline(ScheduleController.IMPORT_PATH, "/kiosk/step/consents", "/desk/consents/paper")
                        .onRefusal(refusals::refused).install(c);
                staffAccess.install(c);
                deviceAccess.install(c);
                refusals.install(c);
                c.routes.get("/", ctx -> ctx.redirect("/desk"));
                c.routes.get("/health", health::handle);
                staffController.routes(c);
                deviceController.routes(c);
                scheduleController.routes(c);
                deskController.routes(c);
                chairController.routes(c);
                lobbyController.routes(c);
                checkIn.routes(c);
                screeningController.routes(c);
                auditController.routes(c);
                exportController.routes(c);
                backupController.routes(c);
            });
            started.set(javalin);
            javalin.start(s.port());
            inbox = new InboxWatcher(s.dataDir().resolve("inbox"), schedule, config.schedule().inboxPoll());
            inbox.start();
            scheduler = new ExportScheduler(exports, retention, time, s.dataDir().resolve("requests"));
            scheduler.start();
            backupScheduler = new BackupScheduler(backups, time);
            backupScheduler.start();
            ready.set(true);
            App app = new App(folder, db, inbox, javalin, ready, deskController, lobbyController, scheduler,
                    backupScheduler, routes, audit);
            app.announce(s, config);
            return app;
        } catch (ConfigException | StartupException e) {
            cleanUp(backupScheduler, scheduler, inbox, database, folder);
            throw e;
        } catch (Database.KeyProblem e) {
            cleanUp(backupScheduler, scheduler, inbox, database, folder);
            throw new StartupException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            cleanUp(backupScheduler, scheduler, inbox, database, folder);
            throw new StartupException("start-up failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    private static void cleanUp(BackupScheduler backupScheduler, ExportScheduler scheduler, InboxWatcher inbox,
                                Database database, DataFolder folder) {
        if (backupScheduler != null) {
            backupScheduler.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (inbox != null) {
            inbox.close();
        }
        if (database != null) {
            database.close();
        }
        folder.close();
    }

    private void announce(Settings s, KioskConfig config) {
        String base = httpsPort().map(p -> "https://localhost:" + p).orElse("http://localhost:" + port());
        PrintStream out = s.console();
        out.println();
        out.println("  Intake Kiosk is running for " + config.clinic().name() + (s.demo() ? " (DEMO: fictitious patients)" : ""));
        out.println("    Desk (staff sign-in): " + base + "/desk");
        out.println("    Kiosk (patient tablet): " + base + "/kiosk");
        out.println("    Lobby (waiting-room TV): " + base + "/lobby");
        out.println("    Health: " + base + "/health");
        if (s.demo()) {
            out.println("  Sign in at the desk as admin with the password " + DEMO_ADMIN_PASSWORD + " (unless you changed it);");
            out.println("  as nurse (the chairs) or clinician (clears suicide-risk and other clinical flags) with the same password.");
            out.println("  Check in at the kiosk as " + DemoSchedule.TRY_NAME + ", born " + DemoSchedule.TRY_BIRTH
                    + " (month day year), and watch the desk board.");
            out.println("  Device enrolment is " + (config.kiosk().requireEnrollment() ? "on" : "off") + ".");
        } else {
            out.println("  Sign in at the desk with your staff account. Enrol tablets and screens under Devices.");
        }
        out.println();
        log.info("Listening on port {}", port());
    }

    /** The plain HTTP port (with HTTPS on, it only redirects). */
    public int port() {
        for (org.eclipse.jetty.server.Connector c : javalin.jettyServer().server().getConnectors()) {
            if (!"https".equals(c.getName()) && c instanceof org.eclipse.jetty.server.ServerConnector sc) {
                return sc.getLocalPort();
            }
        }
        return javalin.port();
    }

    /** The HTTPS port, when security.tls is on. */
    public Optional<Integer> httpsPort() {
        return httpsPort(javalin);
    }

    private static Optional<Integer> httpsPort(Javalin javalin) {
        if (javalin == null) {
            return Optional.empty();
        }
        for (org.eclipse.jetty.server.Connector c : javalin.jettyServer().server().getConnectors()) {
            if ("https".equals(c.getName()) && c instanceof org.eclipse.jetty.server.ServerConnector sc) {
                return Optional.of(sc.getLocalPort());
            }
        }
        return Optional.empty();
    }

    public Path dataDir() {
        return folder.dir();
    }

    /** The audit log (tools and tests read it; nothing writes it but the kiosk's own actions). */
    public AuditLog audit() {
        return auditLog;
    }

    /** The database, for tools and tests that check what a request left behind. */
    public Database database() {
        return database;
    }

    /** Every route the router holds, as registered: what the access tests walk, so a new route cannot be missed. */
    public List<Route> routes() {
        return routes;
    }

    private final AtomicBoolean stopped = new AtomicBoolean(false);

    /** Stops the server and releases the data folder; a second call does nothing. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        ready.set(false);
        backupScheduler.close();
        scheduler.close();
        inbox.close();
        desk.close();
        lobby.close();
        javalin.stop();
        database.close();
        folder.close();
    }

    @Override
    public void close() {
        stop();
    }
}
