package clinic.kiosk.schedule;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleFileTest {
    static final String HEADER = "appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone\n";
    private static final ZoneId NY = ZoneId.of("America/New_York");
    private static final Set<String> TYPES = Set.of("consult", "infusion", "booster");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    static ScheduleFile.Parsed parse(String csv) {
        return ScheduleFile.parse(csv.getBytes(StandardCharsets.UTF_8), NY, TYPES, TODAY);
    }

    @Test
    void reads_a_valid_file_with_optional_columns_and_quotes() {
        ScheduleFile.Parsed p = parse("""
                appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone,status,duration_minutes,course_id,course_number,course_length
                A1,P1,"Ana María","Rivera, Jr.",1985-03-14,2026-11-26T09:30,infusion,(555) 010-1234,booked,45,C1,3,6
                A2,P2,Tran,Nguyen,1968-01-09,2026-12-01T14:00,consult,,cancelled,,,,
                """);
        assertTrue(p.valid(), p.errors().toString());
        ScheduleRow a1 = p.rows().get(0);
        assertEquals("Ana María", a1.firstName());
        assertEquals("Rivera, Jr.", a1.lastName());
        assertEquals(Instant.parse("2026-11-26T14:30:00Z"), a1.startsAt());
        assertEquals(45, a1.durationMinutes());
        assertEquals(3, a1.courseNumber());
        assertEquals(6, a1.courseLength());
        ScheduleRow a2 = p.rows().get(1);
        assertEquals("cancelled", a2.status());
        assertNull(a2.phone());
        assertNull(a2.courseNumber());
    }

    @Test
    void accepts_a_byte_order_mark_and_crlf_line_ends() {
        ScheduleFile.Parsed p = parse("\uFEFF" + HEADER.replace("\n", "\r\n") + "A1,P1,Ana,Rivera,1985-03-14,2026-11-26T09:30,infusion,555-0101\r\n");
        assertTrue(p.valid(), p.errors().toString());
        assertEquals(1, p.rows().size());
    }

    @Test
    void lists_every_bad_row_by_its_line_and_imports_nothing() {
        ScheduleFile.Parsed p = parse(HEADER
                + "A1,P1,Ana,Rivera,1985-03-14,2026-11-26T09:30,infusion,555-0101\n"
                + "A2,P2,Zoe,Quinn,1980-02-30,2026-11-26T10:00,infusion,\n"
                + "A3,P3,,Lee,1970-01-01,2026-11-26T11:00,infusion,\n"
                + "A4,P4,Max,Bell,1970-01-01,2026-11-26T11:00,laser,\n"
                + "A1,P5,Eva,Stone,1990-05-05,2026-11-26T12:00,booster,\n"
                + "A6,P6,Eva,Stone,1990-05-05,2026-11-26 12:00,booster,\n");
        assertFalse(p.valid());
        assertTrue(p.rows().isEmpty(), "a bad file imports nothing");
        assertEquals(List.of(
                "line 3: date_of_birth 1980-02-30 is not a real date (YYYY-MM-DD)",
                "line 4: first_name is missing",
                "line 5: visit_type laser is not one of the configured visit types (booster, consult, infusion)",
                "line 6: appointment_id A1 is already on line 2",
                "line 7: appointment_at 2026-11-26 12:00 is not a real local time (YYYY-MM-DDTHH:MM)"), p.errors());
    }

    @Test
    void counts_lines_across_blank_lines_and_quoted_line_breaks() {
        ScheduleFile.Parsed p = parse(HEADER
                + "\n"
                + "A1,P1,\"Ana\",Rivera,1985-03-14,2026-11-26T09:30,infusion,\n"
                + "A2,P2,Max,Bell,1970-13-01,2026-11-26T11:00,infusion,\n");
        assertEquals(List.of("line 4: date_of_birth 1970-13-01 is not a real date (YYYY-MM-DD)"), p.errors());
    }

    @Test
    void refuses_missing_and_unknown_columns_on_line_1() {
        ScheduleFile.Parsed p = parse("appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_typ,phone\n");
        assertEquals(List.of("line 1: unknown column 'visit_typ'", "line 1: missing column visit_type"), p.errors());
    }

    @Test
    void refuses_a_row_with_the_wrong_number_of_fields() {
        ScheduleFile.Parsed p = parse(HEADER + "A1,P1,Ana,Rivera,1985-03-14,2026-11-26T09:30,infusion\n");
        assertEquals(List.of("line 2: has 7 fields where the header has 8"), p.errors());
    }

    @Test
    void refuses_a_patient_id_with_two_different_people() {
        ScheduleFile.Parsed p = parse(HEADER
                + "A1,P1,Ana,Rivera,1985-03-14,2026-11-26T09:30,infusion,\n"
                + "A2,P1,Anna,Rivera,1985-03-14,2026-12-03T09:30,infusion,\n");
        assertEquals(List.of("line 3: patient_id P1 has a different name or date of birth than on line 2"), p.errors());
    }

    @Test
    void refuses_future_births_bad_statuses_phones_and_courses() {
        ScheduleFile.Parsed p = parse("appointment_id,patient_id,first_name,last_name,date_of_birth,appointment_at,visit_type,phone,status,course_number,course_length\n"
                + "A1,P1,Ana,Rivera,2030-01-01,2026-11-26T09:30,infusion,call me,maybe,7,6\n");
        assertEquals(List.of(
                "line 2: date_of_birth 2030-01-01 is in the future",
                "line 2: phone call me is not a phone number (digits, spaces and + ( ) - . only)",
                "line 2: status maybe is not booked or cancelled",
                "line 2: course_number 7 is after the course's last visit (course_length 6)"), p.errors());
    }

    @Test
    void a_local_time_skipped_by_the_clocks_does_not_exist() {
        ScheduleFile.Parsed p = parse(HEADER + "A1,P1,Ana,Rivera,1985-03-14,2026-03-08T02:30,infusion,\n");
        assertEquals(List.of("line 2: appointment_at 2026-03-08T02:30 does not exist in America/New_York (the clocks change at that time)"), p.errors());
    }

    @Test
    void an_ambiguous_local_time_takes_the_first_occurrence() {
        ScheduleFile.Parsed p = parse(HEADER + "A1,P1,Ana,Rivera,1985-03-14,2026-11-01T01:30,infusion,\n");
        assertEquals(Instant.parse("2026-11-01T05:30:00Z"), p.rows().get(0).startsAt());
    }

    @Test
    void refuses_text_that_is_not_utf8_and_an_empty_file() {
        byte[] latin1 = (HEADER + "A1,P1,Luc\u00eda,G\u00f3mez,1990-06-30,2026-11-26T09:30,infusion,\n").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of("line 1: the file is not UTF-8 text; save it as CSV UTF-8"),
                ScheduleFile.parse(latin1, NY, TYPES, TODAY).errors());
        assertTrue(parse("").errors().get(0).startsWith("line 1: the file is empty"));
    }

    @Test
    void reports_broken_quoting_with_a_line() {
        ScheduleFile.Parsed p = parse(HEADER + "A1,P1,\"Ana,Rivera,1985-03-14,2026-11-26T09:30,infusion,\n");
        assertFalse(p.valid());
        assertTrue(p.errors().get(0).matches("line \\d+: .*"), p.errors().toString());
    }
}
