package clinic.kiosk.app;

import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged jar as an operator runs it: start-up, refusals, crash durability, logs, the recovery command. */
class PackagedJarIT {

    private static WebClient client(int port) {
        try {
            Constructor<WebClient> c = WebClient.class.getDeclaredConstructor(String.class);
            c.setAccessible(true);
            return c.newInstance("http://localhost:" + port);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void help_lists_every_command_and_option() {
        JarProcess p = JarProcess.run(Map.of(), "--help");
        assertEquals(0, p.exitCode());
        for (String word : List.of("serve", "reset-password", "export --date YYYY-MM-DD [--out DIR]", "backup", "restore BACKUP",
                "encrypt-database", "--port", "--data-dir", "--config-dir", "--demo", "KIOSK_PORT", "KIOSK_DATA_DIR",
                "KIOSK_CONFIG_DIR", "KIOSK_REQUIRE_ENROLLMENT", "KIOSK_ADMIN_PASSWORD", "KIOSK_DB_KEY", "KIOSK_DB_KEY_FILE")) {
            assertTrue(p.output().contains(word), word);
        }
        JarProcess noDate = JarProcess.run(Map.of(), "export");
        assertEquals(2, noDate.exitCode());
        assertTrue(noDate.output().contains("export needs --date YYYY-MM-DD"), noDate.output());
        JarProcess badDate = JarProcess.run(Map.of(), "export", "--date", "25/11/2026");
        assertEquals(2, badDate.exitCode());
        assertTrue(badDate.output().contains("--date '25/11/2026' is not a date such as 2026-11-25"), badDate.output());
        JarProcess bad = JarProcess.run(Map.of(), "--prot", "80");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.output().contains("unknown option '--prot'"));
    }

    @Test
    void a_configuration_error_stops_start_up_with_one_line() {
        Path config = TestApp.configWith(y -> y.replace("time_zone: America/New_York", "time_zone: Nowhere/Special"));
        Path data = TestApp.tempDir("jar-data");
        Map<String, String> env = new HashMap<>(JarProcess.env(data, JarProcess.freePort()));
        env.put("KIOSK_CONFIG_DIR", config.toString());
        JarProcess p = JarProcess.run(env, "serve");
        assertEquals(1, p.exitCode());
        List<String> lines = p.output().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), p.output());
        assertEquals("Intake Kiosk did not start: " + config.resolve("kiosk.yaml")
                + ": clinic.time_zone: 'Nowhere/Special' is not a time zone such as America/New_York", lines.get(0));
        assertTrue(Files.notExists(data.resolve("db")), "nothing was written to the data folder");
    }

    @Test
    void a_second_server_on_the_same_data_folder_is_refused_and_the_first_is_unaffected() {
        Path data = TestApp.tempDir("jar-data");
        int port = JarProcess.freePort();
        try (JarProcess first = JarProcess.start(JarProcess.env(data, port), port).awaitHealthy()) {
            int otherPort = JarProcess.freePort();
            JarProcess second = JarProcess.run(JarProcess.env(data, otherPort), "serve", "--port", Integer.toString(otherPort));
            assertEquals(1, second.exitCode());
            assertTrue(second.output().contains("is already using the data folder"), second.output());
            assertTrue(first.process.isAlive());
            first.awaitHealthy();
            client(port).signIn("admin", TestApp.ADMIN_PASSWORD);

            JarProcess reset = JarProcess.run(JarProcess.env(data, port), "reset-password", "--username", "admin");
            assertEquals(1, reset.exitCode());
            assertTrue(reset.output().contains("reset-password needs the server stopped"), reset.output());
        }
    }

    @Test
    void the_jar_backs_up_a_stopped_installation_and_restores_it_into_another_checked() {
        Path data = TestApp.tempDir("jar-data");
        int port = JarProcess.freePort();
        try (JarProcess server = JarProcess.start(JarProcess.env(data, port), port).awaitHealthy()) {
            WebClient admin = client(port);
            admin.signIn("admin", TestApp.ADMIN_PASSWORD);
            assertEquals(200, admin.post("/admin/staff", Map.of("username", "kept.one", "displayName", "Kept One",
                    "role", "nurse")).statusCode());
        }
        JarProcess backup = JarProcess.run(JarProcess.env(data, port), "backup");
        assertEquals(0, backup.exitCode(), backup.output());
        Matcher zip = Pattern.compile("Backed up to (\\S+\\.zip)").matcher(backup.output());
        assertTrue(zip.find(), backup.output());
        Path fresh = TestApp.tempDir("jar-restored");
        JarProcess restore = JarProcess.run(JarProcess.env(fresh, port), "restore", zip.group(1));
        assertEquals(0, restore.exitCode(), restore.output());
        assertTrue(restore.output().contains("  staff: 2") && restore.output().contains("entries, intact"), restore.output());
        JarProcess notOne = JarProcess.run(JarProcess.env(fresh, port), "restore", fresh.resolve("nothing.zip").toString());
        assertEquals(1, notOne.exitCode());
        assertTrue(notOne.output().contains("there is no backup file"), notOne.output());
        try (JarProcess again = JarProcess.start(JarProcess.env(fresh, port), port).awaitHealthy()) {
            WebClient admin = client(port);
            admin.signIn("admin", TestApp.ADMIN_PASSWORD);
            assertTrue(admin.get("/admin/staff").body().contains("Kept One"), "the restored installation has its accounts");
        }
    }

    @Test
    void an_acknowledged_write_survives_kill_9() {
        Path data = TestApp.tempDir("jar-data");
        int port = JarProcess.freePort();
        String oneTime;
        try (JarProcess server = JarProcess.start(JarProcess.env(data, port), port).awaitHealthy()) {
            WebClient admin = client(port);
            admin.signIn("admin", TestApp.ADMIN_PASSWORD);
            HttpResponse<String> r = admin.post("/admin/staff", Map.of("username", "crash.test", "displayName", "Crash Test", "role", "nurse"));
            assertEquals(200, r.statusCode());
            Matcher m = Pattern.compile("id=\"one-time-password\">([^<]+)<").matcher(r.body());
            assertTrue(m.find());
            oneTime = m.group(1);
            server.kill(); // the moment after the acknowledgement
        }
        try (JarProcess again = JarProcess.start(JarProcess.env(data, port), port).awaitHealthy()) {
            client(port).signIn("crash.test", oneTime);
        }
    }

    @Test
    void a_check_in_survives_kill_9_and_the_visit_is_there_after_restart() {
        Path data = TestApp.tempDir("jar-data");
        int port = JarProcess.freePort();
        Map<String, String> env = new HashMap<>(JarProcess.env(data, port));
        env.put("KIOSK_REQUIRE_ENROLLMENT", "false");
        String today = java.time.LocalDate.now(java.time.ZoneId.of("America/New_York")).toString();
        String csv = "appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone\n"
                + "K1,KP1,Kim,Crash,1975-04-04," + today + "T23:00,infusion,555-0400\n";
        try (JarProcess server = JarProcess.start(env, port).awaitHealthy()) {
            WebClient admin = client(port);
            admin.signIn("admin", TestApp.ADMIN_PASSWORD);
            assertEquals(303, admin.upload("/desk/schedule", "file", "today.csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode());
            WebClient tablet = client(port);
            tablet.get("/kiosk");
            tablet.post("/kiosk/start", Map.of());
            HttpResponse<String> id = tablet.post("/kiosk/identify", Map.of("firstName", "Kim", "lastName", "Crash",
                    "dob-month", "4", "dob-day", "4", "dob-year", "1975"));
            assertTrue(id.headers().firstValue("Location").orElse("").endsWith("/kiosk/step/contact"), id.body());
            HttpResponse<String> contact = tablet.post("/kiosk/step/contact", Map.of("phone", "555-0400", "noEscort", "yes"));
            assertEquals("/kiosk/done", clinic.kiosk.support.Screener.finish(tablet,
                    clinic.kiosk.support.Screener.location(contact), Map.of("typedName", "Kim Crash")));
            server.kill(); // the moment after the patient was told they are checked in
        }
        try (JarProcess again = JarProcess.start(env, port).awaitHealthy()) {
            WebClient admin = client(port);
            admin.signIn("admin", TestApp.ADMIN_PASSWORD);
            String board = admin.get("/desk").body();
            String review = board.substring(board.indexOf("column-review"), board.indexOf("column-ready"));
            assertTrue(review.contains("Crash, Kim") && review.contains("K-01") && review.contains("BLOCK"),
                    "no escort: a block flag, needs review: " + review);
        }
    }

    @Test
    void reset_password_prints_a_one_time_password_when_the_server_is_stopped() {
        Path data = TestApp.tempDir("jar-data");
        int port = JarProcess.freePort();
        try (JarProcess server = JarProcess.start(JarProcess.env(data, port), port).awaitHealthy()) {
            assertTrue(server.process.isAlive());
        }
        JarProcess reset = JarProcess.run(JarProcess.env(data, port), "reset-password", "--username", "admin");
        assertEquals(0, reset.exitCode(), reset.output());
        Matcher m = Pattern.compile("One-time password for admin: (\\S+)").matcher(reset.output());
        assertTrue(m.find(), reset.output());
        JarProcess unknown = JarProcess.run(JarProcess.env(data, port), "reset-password", "--username", "nobody");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.output().contains("there is no account 'nobody'"));

        try (JarProcess server = JarProcess.start(JarProcess.env(data, port), port).awaitHealthy()) {
            WebClient c = client(port);
            HttpResponse<String> r = c.post("/signin", Map.of("username", "admin", "password", m.group(1)));
            assertTrue(r.headers().firstValue("Location").orElseThrow().endsWith("/account/password"), "one-time: must be changed");
            assertEquals(401, client(port).post("/signin", Map.of("username", "admin", "password", TestApp.ADMIN_PASSWORD)).statusCode());
        }
    }

    @Test
    void a_generated_admin_password_is_printed_once_to_the_console_and_never_to_the_log() throws IOException {
        Path data = TestApp.tempDir("jar-data");
        int port = JarProcess.freePort();
        Map<String, String> env = new HashMap<>(JarProcess.env(data, port));
        env.remove("KIOSK_ADMIN_PASSWORD");
        String password;
        try (JarProcess server = JarProcess.start(env, port).awaitHealthy()) {
            Matcher m = Pattern.compile("Password: (\\S+)").matcher(server.output());
            assertTrue(m.find(), server.output());
            password = m.group(1);
            client(port).signIn("admin", password);
        }
        assertFalse(Files.readString(data.resolve("logs/kiosk.log")).contains(password));
        try (JarProcess server = JarProcess.start(env, port).awaitHealthy()) {
            assertFalse(server.output().contains("Password:"), "printed only once");
        }
    }

    @Test
    void no_patient_data_reaches_the_log_after_a_journey() throws IOException {
        Path data = TestApp.tempDir("jar-data");
        int port = JarProcess.freePort();
        String csv = "appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone\n"
                + "L1,LP1,Zebulon,Quixotefield,1961-07-04,2026-11-26T09:00,infusion,555-7788\n"
                + "L2,LP2,Marisol,Yarborough,1977-12-25,2026-11-26T10:00,consult,555-8899\n";
        String bad = "appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone\n"
                + "L3,LP3,Ottoline,Vexworth,1955-02-30,2026-11-26T11:00,infusion,555-9900\n";
        Map<String, String> env = new HashMap<>(JarProcess.env(data, port));
        env.put("KIOSK_REQUIRE_ENROLLMENT", "false");
        String today = java.time.LocalDate.now(java.time.ZoneId.of("America/New_York")).toString();
        csv = csv.replace("2026-11-26", today);
        try (JarProcess server = JarProcess.start(env, port).awaitHealthy()) {
            WebClient desk = client(port);
            desk.signIn("admin", TestApp.ADMIN_PASSWORD);
            assertEquals(303, desk.upload("/desk/schedule", "file", "today.csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode());
            WebClient tablet = client(port);
            tablet.get("/kiosk");
            tablet.post("/kiosk/start", Map.of());
            tablet.post("/kiosk/identify", Map.of("firstName", "Zebulon", "lastName", "Quixotefield",
                    "dob-month", "7", "dob-day", "4", "dob-year", "1961"));
            tablet.post("/kiosk/identify", Map.of("firstName", "Marisol", "lastName", "Yarborough",
                    "dob-month", "1", "dob-day", "1", "dob-year", "1977"));
            HttpResponse<String> contact = tablet.post("/kiosk/step/contact", Map.of("phone", "555-7788", "escortName", "Hortensia Escortwell",
                    "escortPhone", "555-6655", "plan", "stays"));
            assertEquals("/kiosk/done", clinic.kiosk.support.Screener.finish(tablet, clinic.kiosk.support.Screener.location(contact),
                    Map.of("nurse-note", "Zebulon secret note", "93246-7", "LA33-6", "typedName", "Zebulon Quixotefield")));
            assertTrue(desk.get("/desk").body().contains("Quixotefield, Zebulon"));
            assertEquals(422, desk.upload("/desk/schedule", "file", "bad.csv", bad.getBytes(StandardCharsets.UTF_8)).statusCode());
            Files.writeString(data.resolve("inbox/bad-inbox.csv"), bad);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Files.notExists(data.resolve("inbox/failed/bad-inbox.csv")) && Instant.now().isBefore(deadline)) {
                JarProcess.sleep(200);
            }
            assertTrue(Files.exists(data.resolve("inbox/failed/bad-inbox.csv.errors.txt")));
            assertTrue(desk.get("/desk/appointments?date=" + today).body().contains("Quixotefield, Zebulon"));
            desk.get("/admin/audit");
            desk.post("/signin", Map.of("username", "Zebulon", "password", "1961-07-04"));
        }
        String log = Files.readString(data.resolve("logs/kiosk.log"));
        assertFalse(log.isBlank(), "the log file is written");
        for (String secret : List.of("Zebulon", "Quixotefield", "Marisol", "Yarborough", "Ottoline", "Vexworth",
                "Hortensia", "Escortwell", "secret note", "1961-07-04", "1977-12-25", "1955-02-30", "555-7788", "555-8899", "555-9900",
                "555-6655", TestApp.ADMIN_PASSWORD)) {
            assertFalse(log.contains(secret), "the log contains " + secret);
        }
    }

    @Test
    void scripts_run_demo_starts_with_todays_demo_schedule() {
        Path data = TestApp.tempDir("jar-demo");
        int port = JarProcess.freePort();
        Map<String, String> env = Map.of("KIOSK_DATA_DIR", data.toString(), "KIOSK_PORT", Integer.toString(port));
        try (JarProcess demo = JarProcess.launch(List.of("bash", "scripts/run", "--demo"), env, port).awaitHealthy()) {
            assertTrue(demo.output().contains("DEMO"), demo.output());
            assertTrue(demo.output().contains("/kiosk") && demo.output().contains("/lobby") && demo.output().contains("/desk"));
            WebClient c = client(port);
            assertTrue(c.get("/kiosk").body().contains("Device not enrolled"), "enrolment is off in the demo");
            c.signIn("admin", App.DEMO_ADMIN_PASSWORD);
            String today = c.get("/desk/appointments").body();
            assertTrue(today.contains("Rivera, Ana") && today.contains(">DEMO<"), today);
            assertTrue(demo.output().contains("Check in at the kiosk as Ana Rivera, born 3 14 1985"), demo.output());
            assertTrue(demo.output().contains("as nurse (the chairs) or clinician"), demo.output());
            // The newcomer's first try, as README describes it: Ana checks in and moves to Ready.
            WebClient tablet = client(port);
            tablet.get("/kiosk");
            tablet.post("/kiosk/start", Map.of());
            tablet.post("/kiosk/identify", Map.of("firstName", "Ana", "lastName", "Rivera", "dob-month", "3",
                    "dob-day", "14", "dob-year", "1985"));
            HttpResponse<String> contact = tablet.post("/kiosk/step/contact", Map.of("phone", "555-0101", "escortName", "Maria", "escortPhone", "555-0199", "plan", "stays"));
            assertEquals("/kiosk/done", clinic.kiosk.support.Screener.finish(tablet, clinic.kiosk.support.Screener.location(contact), Map.of()));
            assertTrue(tablet.get("/kiosk/done").body().contains("You’re checked in"));
            String board = c.get("/desk").body();
            assertTrue(board.substring(board.indexOf("column-ready"), board.indexOf("column-done")).contains("Rivera, Ana"));
            WebClient nurse = client(port);
            nurse.signIn("nurse", App.DEMO_ADMIN_PASSWORD);
            assertTrue(nurse.get("/desk").body().contains("Seat in Chair"), "the demo nurse works the chairs");
        }
        // A clinic's data folder is never used for the demo.
        Path clinic = TestApp.tempDir("jar-data");
        try (JarProcess server = JarProcess.start(JarProcess.env(clinic, port), port).awaitHealthy()) {
            assertTrue(server.process.isAlive());
        }
        JarProcess refused = JarProcess.run(JarProcess.env(clinic, port), "serve", "--demo");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.output().contains("--demo refuses the data folder"), refused.output());
    }
}
