package clinic.kiosk.schedule;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and checks a schedule file from the main records. Either every row is valid, or the file is refused with
 * every problem listed by its line in the file (the header is line 1).
 */
public final class ScheduleFile {
    static final List<String> REQUIRED = List.of("appointment_id", "patient_id", "first_name", "last_name",
            "date_of_birth", "appointment_at", "visit_type", "phone");
    static final List<String> OPTIONAL = List.of("status", "duration_minutes", "course_id", "course_number", "course_length",
            "emergency_contact_name", "emergency_contact_phone");
    static final int MAX_ROWS = 20_000;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\-. ]{7,32}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

    /** The outcome: the rows when the file is valid, otherwise every problem. */
    public record Parsed(List<ScheduleRow> rows, List<String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private ScheduleFile() {}

    public static Parsed parse(byte[] bytes, ZoneId zone, Set<String> visitTypes, LocalDate today) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Parsed(List.of(), List.of("line 1: the file is not UTF-8 text; save it as CSV UTF-8"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return new Parsed(List.of(), List.of("line 1: the file is empty; it needs the header line " + String.join(",", REQUIRED)));
        }
        int[] lineStarts = lineStarts(text);
        List<String> errors = new ArrayList<>();
        List<ScheduleRow> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).setAllowMissingColumnNames(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, Integer> header = new HashMap<>();
            List<String> names = parser.getHeaderNames();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).strip().toLowerCase(Locale.ROOT);
                if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                    errors.add("line 1: unknown column '" + names.get(i).strip() + "'");
                } else if (header.put(name, i) != null) {
                    errors.add("line 1: column " + name + " appears twice");
                }
            }
            for (String required : REQUIRED) {
                if (!header.containsKey(required)) {
                    errors.add("line 1: missing column " + required);
                }
            }
            if (!errors.isEmpty()) {
                return new Parsed(List.of(), errors);
            }
            Map<String, Integer> appointmentLines = new HashMap<>();
            Map<String, PatientSeen> patients = new HashMap<>();
            int count = 0;
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (RuntimeException e) {
                    errors.add("line " + (parser.getCurrentLineNumber() + 1) + ": the file is not valid CSV here (check the quotes)");
                    break;
                }
                int line = lineOf(lineStarts, (int) record.getCharacterPosition());
                if (++count > MAX_ROWS) {
                    errors.add("line " + line + ": a file may hold at most " + MAX_ROWS + " appointments; split it");
                    break;
                }
                if (record.size() != names.size()) {
                    errors.add("line " + line + ": has " + record.size() + " fields where the header has " + names.size());
                    continue;
                }
                Row row = new Row(record, header, line, errors);
                ScheduleRow parsed = row.parse(zone, visitTypes, today);
                if (parsed == null) {
                    continue;
                }
                Integer earlier = appointmentLines.putIfAbsent(parsed.appointmentId(), line);
                if (earlier != null) {
                    errors.add("line " + line + ": appointment_id " + parsed.appointmentId() + " is already on line " + earlier);
                    continue;
                }
                PatientSeen seen = new PatientSeen(parsed.firstName(), parsed.lastName(), parsed.dateOfBirth(), line);
                PatientSeen before = patients.putIfAbsent(parsed.patientId(), seen);
                if (before != null && !before.samePerson(seen)) {
                    errors.add("line " + line + ": patient_id " + parsed.patientId()
                            + " has a different name or date of birth than on line " + before.line());
                    continue;
                }
                rows.add(parsed);
            }
        } catch (IOException | RuntimeException e) {
            errors.add("line 1: the header line is not valid CSV");
        }
        return errors.isEmpty() ? new Parsed(rows, List.of()) : new Parsed(List.of(), errors);
    }

    private record PatientSeen(String first, String last, LocalDate dob, int line) {
        boolean samePerson(PatientSeen other) {
            return first.equals(other.first) && last.equals(other.last) && dob.equals(other.dob);
        }
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] starts, int position) {
        int found = Arrays.binarySearch(starts, position);
        return (found >= 0 ? found : -found - 2) + 1;
    }

    /** One record being checked; every problem is added to the file's list, prefixed with the line. */
    private static final class Row {
        private final CSVRecord record;
        private final Map<String, Integer> header;
        private final int line;
        private final List<String> errors;
        private boolean ok = true;

        Row(CSVRecord record, Map<String, Integer> header, int line, List<String> errors) {
            this.record = record;
            this.header = header;
            this.line = line;
            this.errors = errors;
        }

        private void error(String message) {
            errors.add("line " + line + ": " + message);
            ok = false;
        }

        private String value(String column) {
            Integer index = header.get(column);
            return index == null ? "" : record.get(index).strip();
        }

        private String required(String column, int max) {
            String value = value(column);
            if (value.isEmpty()) {
                error(column + " is missing");
            } else if (value.length() > max) {
                error(column + " is longer than " + max + " characters");
            } else if (value.contains("\n") || value.contains("\r")) {
                error(column + " contains a line break");
            }
            return value;
        }

        private String id(String column) {
            String value = required(column, 64);
            if (!value.isEmpty() && value.length() <= 64 && !ID.matcher(value).matches()) {
                error(column + " '" + value + "' may hold only letters, digits and . _ : / -");
            }
            return value;
        }

        private Integer positive(String column, int max) {
            String value = value(column);
            if (value.isEmpty()) {
                return null;
            }
            try {
                int n = Integer.parseInt(value);
                if (n >= 1 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            error(column + " " + value + " is not a whole number from 1 to " + max);
            return null;
        }

        ScheduleRow parse(ZoneId zone, Set<String> visitTypes, LocalDate today) {
            String appointmentId = id("appointment_id");
            String patientId = id("patient_id");
            String first = required("first_name", 100);
            String last = required("last_name", 100);
            LocalDate dob = dateOfBirth(today);
            Instant startsAt = appointmentAt(zone);
            String visitType = required("visit_type", 32);
            if (!visitType.isEmpty() && !visitTypes.contains(visitType)) {
                error("visit_type " + visitType + " is not one of the configured visit types ("
                        + String.join(", ", visitTypes.stream().sorted().toList()) + ")");
            }
            String phone = value("phone");
            if (!phone.isEmpty() && !PHONE.matcher(phone).matches()) {
                error("phone " + phone + " is not a phone number (digits, spaces and + ( ) - . only)");
            }
            String status = value("status").toLowerCase(Locale.ROOT);
            if (status.isEmpty()) {
                status = "booked";
            } else if (!status.equals("booked") && !status.equals("cancelled")) {
                error("status " + value("status") + " is not booked or cancelled");
            }
            Integer duration = positive("duration_minutes", 600);
            String courseId = value("course_id");
            if (courseId.length() > 64) {
                error("course_id is longer than 64 characters");
            }
            Integer courseNumber = positive("course_number", 100);
            Integer courseLength = positive("course_length", 100);
            if (courseNumber != null && courseLength != null && courseNumber > courseLength) {
                error("course_number " + courseNumber + " is after the course's last visit (course_length " + courseLength + ")");
            }
            String emergencyName = value("emergency_contact_name");
            if (emergencyName.length() > 100) {
                error("emergency_contact_name is longer than 100 characters");
            }
            String emergencyPhone = value("emergency_contact_phone");
            if (!emergencyPhone.isEmpty() && !PHONE.matcher(emergencyPhone).matches()) {
                error("emergency_contact_phone " + emergencyPhone + " is not a phone number (digits, spaces and + ( ) - . only)");
            }
            if (!ok) {
                return null;
            }
            return new ScheduleRow(line, appointmentId, patientId, first, last, dob, startsAt, visitType,
                    phone.isEmpty() ? null : phone, status, duration, courseId.isEmpty() ? null : courseId,
                    courseNumber, courseLength, emergencyName.isEmpty() ? null : emergencyName,
                    emergencyPhone.isEmpty() ? null : emergencyPhone);
        }

        private LocalDate dateOfBirth(LocalDate today) {
            String value = value("date_of_birth");
            if (value.isEmpty()) {
                error("date_of_birth is missing");
                return null;
            }
            try {
                LocalDate date = LocalDate.parse(value, DATE);
                if (date.isAfter(today)) {
                    error("date_of_birth " + value + " is in the future");
                } else if (date.getYear() < 1900) {
                    error("date_of_birth " + value + " is before 1900");
                }
                return date;
            } catch (DateTimeParseException e) {
                error("date_of_birth " + value + " is not a real date (YYYY-MM-DD)");
                return null;
            }
        }

        private Instant appointmentAt(ZoneId zone) {
            String value = value("appointment_at");
            if (value.isEmpty()) {
                error("appointment_at is missing");
                return null;
            }
            LocalDateTime local;
            try {
                local = LocalDateTime.parse(value, DATE_TIME);
            } catch (DateTimeParseException e) {
                error("appointment_at " + value + " is not a real local time (YYYY-MM-DDTHH:MM)");
                return null;
            }
            try {
                ZonedDateTime zoned = ZonedDateTime.ofStrict(local, zone.getRules().getValidOffsets(local).isEmpty()
                        ? zone.getRules().getOffset(local) : zone.getRules().getValidOffsets(local).get(0), zone);
                return zoned.toInstant();
            } catch (DateTimeException e) {
                error("appointment_at " + value + " does not exist in " + zone + " (the clocks change at that time)");
                return null;
            }
        }
    }

    /** Every required column name, in order: the header line a file must start with. */
    public static String headerLine() {
        return String.join(",", REQUIRED);
    }
}
