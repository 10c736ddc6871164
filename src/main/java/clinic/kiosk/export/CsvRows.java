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
                "hold_reason", "in_chair_events", "iv_note", "medications", "escort", "discharge"));
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
        cells.add(r.responses().stream().map(CsvRows::score).collect(Collectors.joining("; ")));
        cells.add(r.flags().stream().map(CsvRows::flag).collect(Collectors.joining("; ")));
        cells.add(r.consents().stream().map(c -> c.consentId() + " v" + c.consentVersion() + " " + c.method()
                + (c.voidedAt() == null ? " signed" : " voided")).collect(Collectors.joining("; ")));
        // The move to HELD keeps the reason with the nurse's note ("other: ..."); the code alone would lose it.
        cells.add(a.holdReason() == null ? "" : r.transitions().stream().filter(t -> t.toState() == VisitState.HELD)
                .reduce((x, y) -> y).map(ExportDao.Transition::reason).orElse(a.holdReason()));
        cells.add(r.events().stream().map(e -> e.kind() + (e.note() == null ? "" : ": " + e.note()))
                .collect(Collectors.joining("; ")));
        cells.add(a.ivNote() == null ? "" : a.ivNote());
        cells.add(r.medications().stream().map(this::medication).collect(Collectors.joining("; ")));
        cells.add(a.escortPlan() == null ? "" : a.escortPlan().equals("none") ? "none"
                : a.escortName() + (a.escortPlan().equals("returns") ? ", back at " + a.escortReturnsAt() : ", stays"));
        cells.add(r.discharge().map(CsvRows::discharge).orElse(""));
        return cells.stream().map(CsvRows::safe).toList();
    }

    /** "phq-9 12 (Mild)", "cssrs-recent risk Low", "gad-7 not finished", each "voided" when voided. */
    private static String score(VisitRecord.Responded x) {
        ExportDao.Response r = x.response();
        String what = r.total() != null ? r.total() + (r.band() == null ? "" : " (" + r.band() + ")")
                : r.riskLevel() != null ? "risk " + r.riskLevel()
                : r.completedAt() != null ? "completed" : "not finished";
        return r.formId() + " " + what + (r.voided() ? " voided" : "");
    }

    /** "block cssrs-high cleared (nina, 2026-11-26T10:05:00Z: spoke with Ana)": the status and the last decision. */
    private static String flag(VisitRecord.Flagged f) {
        String last = f.events().stream().filter(e -> !e.event().equals("raised")).reduce((x, y) -> y)
                .map(e -> " (" + e.event().replace('_', ' ') + " by " + e.actorName() + " at " + e.at()
                        + (e.reason() == null ? "" : ": " + e.reason()) + ")").orElse("");
        return f.flag().tier() + " " + f.flag().code() + " " + f.flag().status() + last;
    }

    private String time(Instant at) {
        return times.format(at);
    }

    private static Optional<ExportDao.Vital> last(VisitRecord r, String phase) {
        return r.vitals().stream().filter(v -> v.phase().equals(phase)).reduce((x, y) -> y);
    }

    private static String vitals(ExportDao.Vital v) {
        return v.systolic() + "/" + v.diastolic() + " HR " + v.heartRate() + " SpO2 " + v.spo2() + "%"
                + (v.respiratoryRate() == null ? "" : " RR " + v.respiratoryRate())
                + (v.sedation() == null ? "" : " RASS " + (v.sedation() > 0 ? "+" : "") + v.sedation())
                + (v.dissociation() == null ? "" : " dissociation " + v.dissociation());
    }

    /** "Ketamine hydrochloride 0.5 mg/kg × 70.5 kg = 35.3 mg IV over 40 min, lot K-1, prepared by A, given by b, 10:05-10:45". */
    private String medication(ExportDao.Medication m) {
        String perKg = m.doseMgPerKg() == null ? "" : m.doseMgPerKg().stripTrailingZeros().toPlainString() + " mg/kg × "
                + m.weightKg().toPlainString() + " kg = ";
        String when = m.voidedAt() != null ? "voided by " + m.voidedBy() + (m.voidReason() == null ? "" : ": " + m.voidReason())
                : m.startedAt() == null ? "not given"
                : time(m.startedAt()) + (m.endedAt() == null ? "" : " to " + time(m.endedAt()));
        return m.name() + " " + perKg + m.doseMg().stripTrailingZeros().toPlainString() + " mg " + m.route()
                + (m.overMinutes() == null ? "" : " over " + m.overMinutes() + " min") + ", lot " + m.lot()
                + ", prepared by " + m.preparedBy() + ", given by " + m.givenBy() + ", " + when;
    }

    /** "criteria met; home with Luis Rivera (another adult); by nina" or the criteria overridden with the reason. */
    private static String discharge(ExportDao.Discharge d) {
        String criteria = d.overrideReason() != null ? "criteria overridden by " + d.overrideBy() + ": " + d.overrideReason()
                : d.criteria() != null || d.escortName() != null ? "criteria met" : "consultation finished";
        return criteria + (d.escortName() == null ? "" : "; home with " + d.escortName()
                + (d.escortAsGiven() ? " (as given)" : " (another adult)")) + "; by " + d.staffName();
    }
}
