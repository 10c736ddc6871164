package clinic.kiosk.schedule;

import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleHttpTest {
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void an_uploaded_schedule_appears_on_the_appointments_page() {
        WebClient desk = app.admin();
        String csv = ScheduleFileTest.HEADER + "U1,UP1,Lucía,Gómez,1990-06-30,2026-11-26T13:15,infusion,555-0103\n";
        HttpResponse<String> r = desk.upload("/desk/schedule", "file", "today.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(303, r.statusCode(), r.body());
        assertTrue(desk.get("/desk/schedule?result=done").body().contains("Imported today.csv: 1 rows, 1 new"));
        String page = desk.get("/desk/appointments?date=2026-11-26").body();
        assertTrue(page.contains("Gómez, Lucía"), page);
        assertTrue(page.contains("1:15 PM"));
        assertTrue(page.contains("Jun 30, 1990"));
    }

    @Test
    void a_bad_upload_lists_every_problem_and_imports_nothing() {
        WebClient desk = app.admin();
        String csv = ScheduleFileTest.HEADER + "B1,BP1,Ana,Bad,1990-02-30,2026-11-27T09:00,infusion,\nB2,BP2,,Bad,1990-01-01,2026-11-27T09:00,laser,\n";
        HttpResponse<String> r = desk.upload("/desk/schedule", "file", "bad.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("Nothing was imported from bad.csv"));
        assertTrue(r.body().contains("line 2: date_of_birth 1990-02-30 is not a real date"));
        assertTrue(r.body().contains("line 3: first_name is missing"));
        assertTrue(r.body().contains("line 3: visit_type laser is not one of the configured visit types"));
        assertFalse(desk.get("/desk/appointments?date=2026-11-27").body().contains("Bad, Ana"));
    }

    @Test
    void an_upload_without_a_file_says_so() {
        WebClient desk = app.admin();
        HttpResponse<String> r = desk.upload("/desk/schedule", "file", "", new byte[0]);
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("Choose a schedule file (CSV) to import"));
    }

    @Test
    void a_file_dropped_into_the_inbox_appears_on_the_appointments_page() throws Exception {
        Path inbox = app.dataDir.resolve("inbox");
        Path part = inbox.resolve("tomorrow.csv.part");
        Files.writeString(part, ScheduleFileTest.HEADER + "I1,IP1,Olivia,Inbox,1999-08-21,2026-11-28T10:00,booster,\n");
        Files.move(part, inbox.resolve("tomorrow.csv"));
        WebClient desk = app.admin();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        boolean seen = false;
        while (!seen && Instant.now().isBefore(deadline)) {
            seen = desk.get("/desk/appointments?date=2026-11-28").body().contains("Inbox, Olivia");
            if (!seen) {
                Thread.sleep(200);
            }
        }
        assertTrue(seen, "the inbox file was imported");
        assertTrue(Files.exists(inbox.resolve("done/tomorrow.csv")));
    }

    @Test
    void a_bad_date_on_the_appointments_page_gets_a_message_not_an_error_page() {
        HttpResponse<String> r = app.admin().get("/desk/appointments?date=2026-02-30");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Enter a real date, for example 2026-03-14"));
    }
}
