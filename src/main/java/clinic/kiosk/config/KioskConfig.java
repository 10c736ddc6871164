package clinic.kiosk.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The clinic's configuration, parsed once from {@code kiosk-config/} and never changed while running. */
public record KioskConfig(
        Clinic clinic,
        Map<String, VisitType> visitTypes,
        List<Place> chairs,
        List<Place> rooms,
        KioskSettings kiosk,
        StaffSettings staff,
        ScheduleSettings schedule,
        Map<String, FormSettings> forms,
        ScreeningSettings screening,
        ChairCare chairCare,
        Map<String, Medication> medications,
        DischargePolicy discharge,
        ExportSettings export,
        BackupSettings backup,
        SecuritySettings security) {

    public KioskConfig {
        Objects.requireNonNull(clinic);
        visitTypes = Map.copyOf(visitTypes);
        chairs = List.copyOf(chairs);
        rooms = List.copyOf(rooms);
        Objects.requireNonNull(kiosk);
        Objects.requireNonNull(staff);
        Objects.requireNonNull(schedule);
        forms = Map.copyOf(forms);
        Objects.requireNonNull(screening);
        Objects.requireNonNull(chairCare);
        medications = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(medications));
        Objects.requireNonNull(discharge);
        Objects.requireNonNull(backup);
        Objects.requireNonNull(security);
        Objects.requireNonNull(export);
    }

    /** The medication given as the infusion itself (ketamine), when one is configured. */
    public Optional<Medication> infusionMedication() {
        return medications.values().stream().filter(m -> m.kind() == MedicationKind.INFUSION).findFirst();
    }

    public Optional<VisitType> visitType(String id) {
        return Optional.ofNullable(visitTypes.get(id));
    }

    public KioskConfig withKiosk(KioskSettings newKiosk) {
        return new KioskConfig(clinic, visitTypes, chairs, rooms, newKiosk, staff, schedule, forms, screening, chairCare, medications, discharge, export, backup, security);
    }

    public KioskConfig withStaff(StaffSettings newStaff) {
        return new KioskConfig(clinic, visitTypes, chairs, rooms, kiosk, newStaff, schedule, forms, screening, chairCare, medications, discharge, export, backup, security);
    }

    public KioskConfig withSchedule(ScheduleSettings newSchedule) {
        return new KioskConfig(clinic, visitTypes, chairs, rooms, kiosk, staff, newSchedule, forms, screening, chairCare, medications, discharge, export, backup, security);
    }

    public record Clinic(String name, ZoneId timeZone, Map<DayOfWeek, OpeningHours> openingHours) {
        public Clinic {
            Objects.requireNonNull(name);
            Objects.requireNonNull(timeZone);
            openingHours = Map.copyOf(openingHours);
        }

        /** Opening hours of a weekday; empty when the clinic is closed that day. */
        public Optional<OpeningHours> hoursOn(DayOfWeek day) {
            return Optional.ofNullable(openingHours.get(day));
        }
    }

    public record OpeningHours(LocalTime opens, LocalTime closes) {
        public OpeningHours {
            if (!opens.isBefore(closes)) {
                throw new IllegalArgumentException("opening time must be before closing time");
            }
        }
    }

    /** Where a visit type is seen: an infusion chair or a room (a consult). */
    public enum PlaceKind { CHAIR, ROOM }

    public record VisitType(String id, String label, List<String> steps, boolean escortRequired,
                            PlaceKind place, Duration duration) {
        public VisitType {
            steps = List.copyOf(steps);
        }
    }

    public record Place(String id, String name) {}

    public KioskConfig withBackup(BackupSettings newBackup) {
        return new KioskConfig(clinic, visitTypes, chairs, rooms, kiosk, staff, schedule, forms, screening, chairCare, medications, discharge, export, newBackup, security);
    }

    public KioskConfig withSecurity(SecuritySettings newSecurity) {
        return new KioskConfig(clinic, visitTypes, chairs, rooms, kiosk, staff, schedule, forms, screening, chairCare, medications, discharge, export, backup, newSecurity);
    }

    /**
     * The nightly backup: a consistent online copy of the database (encrypted as the database is) at {@code at} into
     * {@code folder} (relative to the data folder unless absolute; meant to be another disk), keeping the newest
     * {@code keep}; {@code warnAfter} without a good one, the admin pages warn.
     */
    public record BackupSettings(LocalTime at, String folder, int keep, Duration warnAfter) {}

    /**
     * Optional HTTPS: the keystore (PKCS12; relative to kiosk-config/ unless absolute), the environment variable
     * holding its password, and the HTTPS port; plain HTTP then only redirects.
     */
    public record Tls(String keystore, String passwordEnv, int httpsPort) {}

    /**
     * TLS and encryption at rest. {@code databaseKeyFile}: the file holding the database's encryption key (outside
     * the data folder); the environment's KIOSK_DB_KEY or KIOSK_DB_KEY_FILE may give it instead.
     */
    public record SecuritySettings(Optional<Tls> tls, Optional<String> databaseKeyFile) {}

    public KioskConfig withExport(ExportSettings newExport) {
        return new KioskConfig(clinic, visitTypes, chairs, rooms, kiosk, staff, schedule, forms, screening, chairCare, medications, discharge, newExport, backup, security);
    }

    /**
     * The nightly export: when (local time), where (the drop folder; relative to the data folder unless absolute),
     * how often a failed export is tried again, and retention: a day counts as collected when the main records took
     * its folder (or, when {@code collectedAfterDays} is set, that many days after its export); the day's detailed
     * answers, free text and vitals are purged {@code purgeAfterDays} after the day once collected. Signed
     * consents are never purged (the law keeps them 6 years).
     */
    public record ExportSettings(LocalTime at, String folder, Duration retry, Optional<Integer> collectedAfterDays,
                                 int purgeAfterDays) {}

    /** A chair or a room by its id. */
    public Optional<Place> place(String id) {
        return java.util.stream.Stream.concat(chairs.stream(), rooms.stream()).filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * The nurse's policy in the chair: the usual durations (timers and wait estimates until there is history), how
     * often vitals are due, the blood pressure above which "Start infusion" needs a clinician's override, how long a
     * transition can be undone, who works the chairs, and who may override the blood-pressure hold (clinical roles
     * only: an admin account is not one).
     */
    public record ChairCare(Duration preparation, Duration infusion, Duration recovery, Duration cleaning,
                            Duration vitalsEvery, Duration recoveryVitalsEvery, Duration vitalsLateAfter,
                            int holdSystolic, int holdDiastolic, Duration undoWindow,
                            List<String> roles, List<String> overrideRoles, CallThresholds call,
                            List<String> sheetAnswers) {
        public ChairCare {
            roles = List.copyOf(roles);
            overrideRoles = List.copyOf(overrideRoles);
            sheetAnswers = List.copyOf(sheetAnswers);
        }

        /** A chair's usual time per patient, from seating to leaving it. */
        public Duration chairTime() {
            return preparation.plus(infusion).plus(recovery);
        }
    }

    /**
     * Stop and call: a reading at or past any of these raises a block flag on every board (pause the infusion,
     * call the prescriber). Sedation is on the Richmond Agitation-Sedation Scale (RASS, -5 to +4; -4 is deep).
     */
    public record CallThresholds(int systolicAtOrAbove, int diastolicAtOrAbove, int heartRateAbove, int heartRateBelow,
                                 int spo2Below, int respiratoryRateBelow, int sedationAtOrBelow) {
        /** The flag codes a reading past a threshold raises (kiosk.yaml's nurse_may_clear may name them). */
        public static final List<String> FLAG_CODES = List.of("vitals-blood-pressure", "vitals-heart-rate",
                "vitals-spo2", "vitals-respiratory-rate", "vitals-sedation");
    }

    public enum MedicationKind { INFUSION, ADJUNCT }

    /**
     * A medication the chair's medication record offers: the infusion itself (ketamine, dosed per kg from the
     * weight taken that day, over minutes) or an adjunct (ondansetron); its usual and maximum dose (mg/kg when per
     * kg, else mg), route, and code (RxNorm) for the export.
     */
    public record Medication(String id, String name, Code code, MedicationKind kind, boolean perKg,
                             java.math.BigDecimal dose, java.math.BigDecimal maxDose, String route, Integer overMinutes) {
        public String unit() {
            return perKg ? "mg/kg" : "mg";
        }
    }

    /**
     * Discharge by criteria: the least observation after the infusion ends, the limits the last recovery reading
     * must be within, and the instructions (a Markdown file in kiosk-config/, with a Spanish one beside it).
     */
    public record DischargePolicy(Duration minObservation, int systolicBelow, int diastolicBelow, int heartRateFrom,
                                  int heartRateTo, int spo2AtLeast, int respiratoryRateAtLeast, String instructions) {}

    public record KioskSettings(Duration idleTimeout, Duration readingIdleTimeout, boolean walkIns,
                                boolean requireEnrollment) {
        public KioskSettings withRequireEnrollment(boolean value) {
            return new KioskSettings(idleTimeout, readingIdleTimeout, walkIns, value);
        }
    }

    public record StaffSettings(Duration sessionIdle, Duration sessionMax, int passwordIterations) {
        public StaffSettings withPasswordIterations(int value) {
            return new StaffSettings(sessionIdle, sessionMax, value);
        }
    }

    /** {@code lateGrace}: an expected patient counts as late this long after their appointment time. */
    public record ScheduleSettings(Duration inboxPoll, Duration lateGrace) {}

    /** How often a form is asked: every visit, once per course, or again after a number of days. */
    public record Frequency(String kind, int days) {
        public static final Frequency EVERY_VISIT = new Frequency("every_visit", 0);
        public static final Frequency ONCE_PER_COURSE = new Frequency("once_per_course", 0);
    }

    /** A score band: totals up to and including {@code upTo} are {@code label}. */
    public record Band(int upTo, String label) {}

    /** A code of a code system, written {@code system|code} in kiosk.yaml. */
    public record Code(String system, String code) {}

    /** A risk level of a form: it holds when its flag rule holds over this response's answers alone. */
    public record Level(String rule, Code answer, String label) {}

    /**
     * How a form's risk level is worked out and exported (the C-SSRS): its code, and the levels in order, the first
     * whose rule holds; {@code none} when none does.
     */
    public record RiskLevel(Code code, String display, List<Level> levels, String none) {
        public RiskLevel {
            levels = List.copyOf(levels);
        }
    }

    /**
     * A form of {@code kiosk-config/forms/}: its file, how often it is asked, whether the visit waits for it before
     * a chair, for a scored form the LOINC code of its total and its bands, and for a risk screener its risk level.
     */
    public record FormSettings(String id, String file, Frequency frequency, boolean gatesChair, String totalCode,
                               List<Band> bands, java.util.Optional<RiskLevel> riskLevel) {
        public FormSettings {
            bands = List.copyOf(bands);
        }

        public boolean scored() {
            return !bands.isEmpty();
        }
    }

    /**
     * Screening policy: which flags a nurse may clear (block) or acknowledge (alert), every other one needing a
     * clinician (prescriber); when an unacknowledged flag escalates; and the thresholds the flag rules refer to.
     */
    public record ScreeningSettings(List<String> nurseMayClear, Duration escalateAfter, Map<String, Integer> thresholds) {
        public ScreeningSettings {
            nurseMayClear = List.copyOf(nurseMayClear);
            thresholds = Map.copyOf(thresholds);
        }
    }
}
