package clinic.kiosk.checkin;

import clinic.kiosk.app.App;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole check-in by POSTs, as a tablet and as the desk. The clock stands at 10:00 in New York. */
class CheckInHttpTest {
    private static final String ANA = "A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101\n";
    private static final String TRAN = "A2,P2,Tran,Nguyen,1968-01-09,2026-11-26T09:00,consult,555-0104\n";
    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.checkInOnly(true);
        app.importSchedule(ANA + TRAN);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private static String path(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("").replaceFirst("^http://[^/]+", "");
    }

    private static HttpResponse<String> begin(WebClient tablet) {
        assertEquals(200, tablet.get("/kiosk").statusCode());
        HttpResponse<String> r = tablet.post("/kiosk/start", Map.of());
        assertEquals("/kiosk/identify", path(r));
        return r;
    }

    private static HttpResponse<String> identify(WebClient tablet, String first, String last, String m, String d, String y) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("firstName", first);
        form.put("lastName", last);
        form.put("dob-month", m);
        form.put("dob-day", d);
        form.put("dob-year", y);
        return tablet.post("/kiosk/identify", form);
    }

    @Test
    void a_patient_checks_in_and_gets_a_ticket() {
        WebClient tablet = app.tablet("Tablet 1");
        begin(tablet);
        HttpResponse<String> id = identify(tablet, "  ana ", "RIVERA", "3", "14", "1985");
        assertEquals("/kiosk/step/contact", path(id));
        String contact = tablet.get("/kiosk/step/contact").body();
        assertTrue(contact.contains("Welcome, Ana R."));
        assertFalse(contact.contains("Rivera"), "first name and last initial only");
        assertFalse(contact.contains("1985"), "never the date of birth");
        assertTrue(contact.contains("value=\"555-0101\""), "the phone on file, to confirm");
        assertTrue(contact.contains("Step 2 of 2"));

        HttpResponse<String> bad = tablet.post("/kiosk/step/contact", Map.of("phone", "555-0101", "plan", "returns", "returnsAt", "soon"));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("Enter your escort’s name"));
        assertTrue(bad.body().contains("Enter the time your escort will come back, for example 2:30 pm"));

        HttpResponse<String> ok = tablet.post("/kiosk/step/contact", Map.of("phone", "555 010 9999", "escortName", "Maria Rivera",
                "escortPhone", "555-0199", "plan", "returns", "returnsAt", "2:30 pm"));
        assertEquals("/kiosk/done", path(ok));
        String done = tablet.get("/kiosk/done").body();
        assertTrue(done.contains("You’re checked in"));
        assertTrue(done.contains("id=\"ticket\">K-01<"));
        assertTrue(done.contains("Please have a seat; we will call your ticket."));
        assertTrue(done.contains("http-equiv=\"refresh\""), "the screen returns to the start by itself");

        assertEquals("/kiosk", path(tablet.get("/kiosk/done")), "the done page is shown once");
        assertEquals("/kiosk", path(tablet.get("/kiosk/step/contact")), "Back leads to the start only");

        String board = app.admin().get("/desk").body();
        String ready = board.substring(board.indexOf("column-ready"), board.indexOf("column-done"));
        assertTrue(ready.contains("Rivera, Ana") && ready.contains("K-01"), ready);
        assertTrue(ready.contains("Escort: Maria Rivera, back at 2:30 PM"), ready);
        assertTrue(ready.contains("Infusion"));
    }

    @Test
    void a_consult_asks_for_no_escort() {
        WebClient tablet = app.tablet("Tablet 1");
        begin(tablet);
        identify(tablet, "Tran", "Nguyen", "1", "9", "1968");
        String contact = tablet.get("/kiosk/step/contact").body();
        assertFalse(contact.contains("Escort name"));
        assertEquals("/kiosk/done", path(tablet.post("/kiosk/step/contact", Map.of("phone", "555-0104"))));
    }

    @Test
    void no_escort_yet_is_a_valid_answer_that_the_board_shows() {
        WebClient tablet = app.tablet("Tablet 1");
        begin(tablet);
        identify(tablet, "Ana", "Rivera", "03", "14", "1985");
        assertEquals("/kiosk/done", path(tablet.post("/kiosk/step/contact", Map.of("phone", "555-0101", "noEscort", "yes"))));
        assertTrue(app.admin().get("/desk").body().contains("NO ESCORT"));
    }

    @Test
    void no_match_gets_one_neutral_message_whoever_is_or_is_not_booked() {
        WebClient tablet = app.tablet("Tablet 1");
        begin(tablet);
        String wrongBirth = identify(tablet, "Ana", "Rivera", "3", "15", "1985").body();
        String nobody = identify(tablet, "Nobody", "Atall", "1", "1", "1970").body();
        String cancelledOrOther = identify(tablet, "Ana", "Riviera", "3", "14", "1985").body();
        Pattern notice = Pattern.compile("<div class=\"notice\" role=\"alert\">([^<]*)</div>");
        String message = matched(notice, wrongBirth);
        assertEquals("We could not find your check-in here. Please go to the front desk and they will help you.", message);
        assertEquals(message, matched(notice, nobody));
        assertEquals(message, matched(notice, cancelledOrOther));
        assertFalse(wrongBirth.contains("Welcome"));
        assertFalse(wrongBirth.contains("K-0"));
    }

    private static String matched(Pattern p, String body) {
        Matcher m = p.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    @Test
    void five_failures_reset_the_session_and_are_counted_for_the_desk() {
        WebClient tablet = app.tablet("Tablet 1");
        begin(tablet);
        String before = tablet.cookie("kiosk_session").orElseThrow();
        for (int i = 1; i < KioskController.MAX_FAILURES; i++) {
            assertEquals(200, identify(tablet, "Ana", "Rivera", "3", "1" + i, "1984").statusCode());
        }
        HttpResponse<String> last = identify(tablet, "Ana", "Rivera", "3", "20", "1984");
        assertEquals("/kiosk?notice=desk", path(last));
        assertNotEquals(Optional.of(before), tablet.cookie("kiosk_session"));
        assertEquals("/kiosk", path(tablet.get("/kiosk/identify")), "the old session is over");
        assertTrue(tablet.get("/kiosk?notice=desk").body().contains("Please check in at the front desk."));
        assertTrue(app.admin().get("/desk").body().contains("Failed identifications at the tablets today: 5"));
    }

    @Test
    void impossible_dates_get_a_message_beside_the_field() {
        WebClient tablet = app.tablet("Tablet 1");
        begin(tablet);
        Map<String[], String> cases = Map.of(
                new String[] {"2", "30", "1980"}, "Enter a real date of birth, for example 3 14 1985",
                new String[] {"13", "1", "1980"}, "Enter a real date of birth, for example 3 14 1985",
                new String[] {"1", "1", "1850"}, "Enter a real date of birth, for example 3 14 1985",
                new String[] {"1", "1", "2030"}, "Your date of birth must be in the past",
                new String[] {"1", "", "1980"}, "Enter your date of birth with a month, a day and a year",
                new String[] {"a", "b", "80"}, "Enter your date of birth in numbers",
                new String[] {"", "", ""}, "Enter your date of birth, for example 3 14 1985");
        cases.forEach((date, message) -> {
            HttpResponse<String> r = identify(tablet, "Ana", "Rivera", date[0], date[1], date[2]);
            assertEquals(422, r.statusCode(), String.join("/", date));
            assertTrue(r.body().contains("id=\"dob-error\"") && r.body().contains(message), String.join("/", date) + ": " + r.body());
            assertTrue(r.body().contains("There is a problem"));
        });
        HttpResponse<String> names = identify(tablet, "", "", "2", "30", "1985");
        assertTrue(names.body().contains("Enter your first name") && names.body().contains("Enter your last name"));
        assertTrue(names.body().contains("Enter a real date of birth"), "every problem at once");
    }

    @Test
    void a_step_cannot_be_skipped_or_taken_out_of_turn_by_url() {
        WebClient tablet = app.tablet("Tablet 1");
        begin(tablet);
        identify(tablet, "Ana", "Rivera", "3", "14", "1985");
        assertEquals("/kiosk/step/contact", path(tablet.get("/kiosk/done")), "not done before the steps are");
        HttpResponse<String> skip = tablet.post("/kiosk/step/consents", Map.of("phone", "555"));
        assertEquals("/kiosk/step/contact", path(skip), "refused: sent back to the current step");
        assertEquals("/kiosk/step/contact", path(tablet.get("/kiosk/step/other")));
        assertTrue(app.admin().get("/desk").body().contains("At: Contact details"), "still at the contact step");
        HttpResponse<String> again = identify(tablet, "Ana", "Rivera", "3", "14", "1985");
        assertEquals("/kiosk/step/contact", path(again), "identifying again continues the same check-in");
    }

    @Test
    void checking_in_again_after_done_shows_the_same_ticket_and_no_second_visit() {
        WebClient tablet = app.tablet("Tablet 1");
        begin(tablet);
        identify(tablet, "Ana", "Rivera", "3", "14", "1985");
        tablet.post("/kiosk/step/contact", Map.of("phone", "555-0101", "noEscort", "yes"));
        tablet.get("/kiosk/done");
        begin(tablet);
        HttpResponse<String> again = identify(tablet, "Ana", "Rivera", "3", "14", "1985");
        assertEquals(200, again.statusCode());
        assertTrue(again.body().contains("You’re already checked in"));
        assertTrue(again.body().contains("id=\"ticket\">K-01<"));
        String board = app.admin().get("/desk").body();
        assertEquals(1, board.split("aria-label=\"Rivera, Ana\"").length - 1, "one visit");
    }

    @Test
    void the_same_patient_on_a_second_tablet_takes_over() {
        WebClient first = app.tablet("Tablet 1");
        WebClient second = app.tablet("Tablet 2");
        begin(first);
        identify(first, "Ana", "Rivera", "3", "14", "1985");
        assertEquals(204, first.get("/kiosk/status").statusCode());
        begin(second);
        assertEquals("/kiosk/step/contact", path(identify(second, "Ana", "Rivera", "3", "14", "1985")));
        assertEquals(410, first.get("/kiosk/status").statusCode(), "the first tablet's session ended");
        assertEquals("/kiosk", path(first.get("/kiosk/step/contact")));
        assertEquals(204, second.get("/kiosk/status").statusCode());
    }

    @Test
    void an_idle_session_ends_on_the_server_and_a_reset_issues_a_fresh_cookie() {
        WebClient tablet = app.tablet("Tablet 1");
        begin(tablet);
        identify(tablet, "Ana", "Rivera", "3", "14", "1985");
        app.clock.advance(Duration.ofMinutes(4));
        assertEquals(200, tablet.get("/kiosk/step/contact").statusCode());
        app.clock.advance(Duration.ofMinutes(6));
        assertEquals("/kiosk", path(tablet.get("/kiosk/step/contact")), "idle past the limit: over");

        begin(tablet);
        identify(tablet, "Ana", "Rivera", "3", "14", "1985");
        String session = tablet.cookie("kiosk_session").orElseThrow();
        String device = tablet.cookie("kiosk_device").orElseThrow();
        assertEquals("/kiosk", path(tablet.post("/kiosk/reset", Map.of())));
        assertFalse(tablet.cookie("kiosk_session").map(session::equals).orElse(false), "a fresh session cookie");
        assertEquals(Optional.of(device), tablet.cookie("kiosk_device"), "the device stays enrolled");
        assertEquals("/kiosk", path(tablet.get("/kiosk/step/contact")));
        assertFalse(tablet.get("/kiosk").body().contains("Ana"));
    }

    @Test
    void the_tablet_speaks_spanish_when_asked_and_forgets_at_reset() {
        WebClient tablet = app.tablet("Tablet 1");
        begin(tablet);
        tablet.post("/kiosk/language", Map.of("lang", "es", "back", "/kiosk/identify"));
        String page = tablet.get("/kiosk/identify").body();
        assertTrue(page.contains("Díganos quién es usted") && page.contains("Fecha de nacimiento"), page);
        tablet.post("/kiosk/reset", Map.of());
        assertTrue(tablet.get("/kiosk").body().contains("Check in"));
    }

    @Test
    void the_desk_checks_a_patient_in_on_their_behalf_under_their_own_name() {
        WebClient desk = app.admin();
        String board = desk.get("/desk").body();
        long appointment = appointmentOf(board, "Rivera, Ana");
        HttpResponse<String> r = desk.post("/desk/check-in/" + appointment, Map.of());
        assertEquals("/desk/check-in/" + appointment + "/step/contact", path(r));
        String step = desk.get(path(r)).body();
        assertTrue(step.contains("Checking in Ana R. on their behalf."));
        assertTrue(step.contains("Signed in as"), "the desk's own layout");
        HttpResponse<String> done = desk.post(path(r), Map.of("phone", "555-0101", "escortName", "Maria", "escortPhone", "555-0199", "plan", "stays"));
        assertEquals("/desk?notice=checked_in&ticket=K-01", path(done));
        assertTrue(desk.get("/desk?notice=checked_in&ticket=K-01").body().contains("Ticket K-01."));
        String audit = desk.get("/admin/audit").body();
        assertTrue(audit.contains("visit.arrived") && audit.contains("staff admin"), "recorded under the staff member's name");
    }

    @Test
    void the_desk_marks_a_no_show_with_a_reason_and_two_desks_cannot_both_win() {
        WebClient desk = app.admin();
        long appointment = appointmentOf(desk.get("/desk").body(), "Nguyen, Tran");
        String page = desk.get("/desk/appointments/" + appointment + "/no-show").body();
        assertTrue(page.contains("Mark as no-show") && page.contains("Nguyen, Tran"));
        HttpResponse<String> empty = desk.post("/desk/appointments/" + appointment + "/no-show", Map.of("state", "EXPECTED", "reason", ""));
        assertEquals(422, empty.statusCode());
        assertTrue(empty.body().contains("Enter a reason"));
        assertEquals("/desk?notice=done", path(desk.post("/desk/appointments/" + appointment + "/no-show",
                Map.of("state", "EXPECTED", "reason", "did not answer the phone"))));
        assertEquals("/desk?notice=changed", path(desk.post("/desk/appointments/" + appointment + "/cancel",
                Map.of("state", "EXPECTED", "reason", "second desk, a moment later"))), "the second desk's click loses");
        String board = desk.get("/desk").body();
        String done = board.substring(board.indexOf("column-done"));
        assertTrue(done.contains("Nguyen, Tran") && done.contains("No-show") && done.contains("did not answer the phone"), done);
    }

    @Test
    void a_late_patient_shows_minutes_late() {
        app.clock.advance(Duration.ofMinutes(50)); // 10:50: Ana's 10:30 is 20 minutes ago, past the 15-minute grace
        String board = app.admin().get("/desk").body();
        String expected = board.substring(board.indexOf("column-expected"), board.indexOf("column-arrived"));
        assertTrue(expected.contains("20 min late"), expected);
        assertTrue(expected.contains("110 min late"), "Tran was due at 9:00");
    }

    static long appointmentOf(String board, String name) {
        Matcher m = Pattern.compile("id=\"card-(\\d+)\" aria-label=\"" + Pattern.quote(name) + "\"").matcher(board);
        assertTrue(m.find(), "no card for " + name);
        return Long.parseLong(m.group(1));
    }

    @Test
    void the_board_needs_staff_or_a_board_device_and_its_events_tell_of_changes() throws Exception {
        assertEquals(401, app.client().get("/desk/board/columns").statusCode());
        WebClient desk = app.admin();
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url("/desk/events")))
                .header("Accept", "text/event-stream")
                .header("Cookie", "kiosk_staff=" + desk.cookie("kiosk_staff").orElseThrow()).build();
        var stream = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> response = stream.get(30, java.util.concurrent.TimeUnit.SECONDS);
        Thread reader = new Thread(() -> response.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        assertEquals("event: hello", lines.poll(30, java.util.concurrent.TimeUnit.SECONDS));

        WebClient tablet = app.tablet("Tablet 1");
        begin(tablet);
        identify(tablet, "Ana", "Rivera", "3", "14", "1985");
        String line;
        boolean changed = false;
        while (!changed && (line = lines.poll(30, java.util.concurrent.TimeUnit.SECONDS)) != null) {
            changed = line.equals("event: change");
        }
        assertTrue(changed, "the board heard of the arrival");
        String columns = desk.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url("/desk/board/columns")))
                .header("X-Background", "1")).body();
        assertTrue(columns.substring(columns.indexOf("column-arrived")).contains("Rivera, Ana"));
    }

    @Test
    void walk_ins_check_in_and_are_linked_to_the_main_records_when_their_row_arrives() {
        app.close();
        app = TestApp.start(s -> new App.Settings(s.port(), s.dataDir(), TestApp.configWith(y -> y.replace("walk_ins: false", "walk_ins: true")
                        .replaceAll("steps: \\[identify, contact, [^\\]]*\\]", "steps: [identify, contact]")),
                s.demo(), s.requireEnrollment(), s.adminPassword(), s.passwordIterations(), s.clock(), s.console()));
        WebClient desk = app.admin();
        assertTrue(desk.get("/desk").body().contains("Add a walk-in"));
        HttpResponse<String> bad = desk.post("/desk/walk-ins", Map.of("firstName", "Eva", "lastName", "", "dob-month", "2",
                "dob-day", "30", "dob-year", "1990"));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("Enter your last name") && bad.body().contains("Enter a real date of birth") && bad.body().contains("Choose a visit type"));
        assertEquals("/desk?notice=walk_in", path(desk.post("/desk/walk-ins", Map.of("firstName", "Eva", "lastName", "Stone",
                "dob-month", "5", "dob-day", "5", "dob-year", "1990", "visitType", "booster"))));
        String board = desk.get("/desk").body();
        assertTrue(board.contains("Stone, Eva") && board.contains("Not in main records"));

        WebClient tablet = app.tablet("Tablet 1");
        begin(tablet);
        assertEquals("/kiosk/step/contact", path(identify(tablet, "eva", "stone", "5", "5", "1990")));

        app.importSchedule("W1,P-99,Eva,Stone,1990-05-05,2026-12-03T10:00,booster,555-0300\n");
        board = desk.get("/desk").body();
        Matcher link = Pattern.compile("/desk/patients/(\\d+)/link\"[^>]*>\\s*<input[^>]*>\\s*<input type=\"hidden\" name=\"patient\" value=\"(\\d+)\"").matcher(board);
        assertTrue(link.find(), board);
        assertTrue(board.contains("Link to main records P-99"));
        assertEquals("/desk?notice=linked", path(desk.post("/desk/patients/" + link.group(1) + "/link", Map.of("patient", link.group(2)))));
        board = desk.get("/desk").body();
        assertFalse(board.contains("Not in main records"));
        assertTrue(board.contains("Next: Dec 3, 10:00 AM"), "the linked patient's next booking shows");
    }
}
