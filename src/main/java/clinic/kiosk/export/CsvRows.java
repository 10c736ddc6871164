package clinic.kiosk.export;

import clinic.kiosk.queue.VisitState;

import clinic.kiosk.config.KioskConfig;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * visits.csv: one row per appointment of the day, for systems that take CSV. Times are local with their offset. A
 * cell that a spreadsheet would run as a formula (it begins with =, +, -, @, a tab or a carriage return) gets a
 * leading apostrophe.
 */
final class CsvRows {
    static final List<VisitState> STATES = List.of(VisitState.ARRIVED, VisitState.NEEDS_REVIEW, VisitState.READY,
            VisitState.SEATED, VisitState.IN_ROOM, VisitState.INFUSING, VisitState.RECOVERING,
            VisitState.WAITING_FOR_ESCORT, VisitState.DISCHARGED, VisitState.HELD, VisitState.LEFT,
            VisitState.CANCELLED, VisitState.NO_SHOW);

    static final List<String> HEADER;

    static {
        List<String> header = new ArrayList<>(List.of("business_date", "ticket", "appointment_id", "patient_id",
                "kiosk_patient_id", "last_name", "first_name", "date_of_birth", "visit_type", "appointment_at", "state"));
        for (VisitState state : STATES) {
            header.add(state.name().toLowerCase(java.util.Locale.ROOT) + "_at");
        }
        header.addAll(List.of("place", "vitals_before", "vitals_after", "weight_kg", "scores", "flags", "consents",
                "hold_reason", "in_chair_events", "iv_note", "escort", "discharge"));
        HEADER = List.copyOf(header);
    }

    private final KioskConfig config;
    private final DateTimeFormatter times;

    CsvRows(KioskConfig config) {
        this.config = config;
        ZoneId zone = config.clinic().timeZone();
        this.times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    }

    /** Neutralises a cell a spreadsheet would read as a formula. */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    List<String> row(java.time.LocalDate date, VisitRecord r) {
        ExportDao.Appointment a = r.appointment();
        List<String> cells = new ArrayList<>();
        cells.add(date.toString());
        cells.add(a.ticketNumber() == null ? "" : clinic.kiosk.queue.Tickets.code(a.ticketNumber()));
        cells.add(a.appointmentExternalId());
        cells.add(a.patientExternalId());
        cells.add(Long.toString(a.patientId()));
        cells.add(a.lastName());
        cells.add(a.firstName());
        cells.add(a.dateOfBirth().toString());
        cells.add(config.visitType(a.visitType()).map(KioskConfig.VisitType::label).orElse(a.visitType()));
        cells.add(time(a.startsAt()));
        cells.add(FhirMapping.state(r).name());
        for (VisitState state : STATES) {
            cells.add(r.enteredAt(state).map(this::time).orElse(""));
        }
        cells.add(r.places().stream().map(p -> config.place(p.placeId()).map(KioskConfig.Place::name).orElse(p.placeId()))
                .collect(Collectors.joining("; ")));
        cells.add(last(r, "before").map(CsvRows::vitals).orElse(""));
        cells.add(last(r, "after").map(CsvRows::vitals).orElse(""));
        cells.add(r.vitals().stream().filter(v -> v.weightKg() != null).reduce((x, y) -> y)
                .map(v -> v.weightKg().toPlainString()).orElse(""));
        cells.add(r.responses().stream().filter(x -> x.response().total() != null)
                .map(x -> x.response().formId() + " " + x.response().total()
                        + (x.response().band() == null ? "" : " (" + x.response().band() + ")")
                        + (x.response().status().equals("voided") ? " voided" : ""))
                .collect(Collectors.joining("; ")));
        cells.add(r.flags().stream().map(f -> f.flag().tier() + " " + f.flag().code() + " " + f.flag().status())
                .collect(Collectors.joining("; ")));
        cells.add(r.consents().stream().map(c -> c.consentId() + " v" + c.consentVersion() + " " + c.method()
                + (c.voidedAt() == null ? " signed" : " voided")).collect(Collectors.joining("; ")));
        cells.add(a.holdReason() == null ? "" : a.holdReason());
        cells.add(r.events().stream().map(e -> e.kind() + (e.note() == null ? "" : ": " + e.note()))
                .collect(Collectors.joining("; ")));
        cells.add(a.ivNote() == null ? "" : a.ivNote());
        cells.add(a.escortPlan() == null ? "" : a.escortPlan().equals("none") ? "none"
                : a.escortName() + (a.escortPlan().equals("returns") ? ", back at " + a.escortReturnsAt() : ", stays"));
        cells.add(r.discharge().map(d -> "criteria met; home with " + d.escortName()
                + (d.escortAsGiven() ? " (as given)" : " (another adult)") + "; by " + d.staffName()).orElse(""));
        return cells.stream().map(CsvRows::safe).toList();
    }

    private String time(Instant at) {
        return times.format(at);
    }

    private static Optional<ExportDao.Vital> last(VisitRecord r, String phase) {
        return r.vitals().stream().filter(v -> v.phase().equals(phase)).reduce((x, y) -> y);
    }

    private static String vitals(ExportDao.Vital v) {
        return v.systolic() + "/" + v.diastolic() + " HR " + v.heartRate() + " SpO2 " + v.spo2() + "%";
    }
}
