package clinic.kiosk.schedule;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.audit.AuditLog;
import clinic.kiosk.audit.AuditLog.Event;
import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.config.KioskConfig;
import org.jdbi.v3.core.Jdbi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is expected: imports schedule files whole or not at all, and lists a day's appointments.
 * A day is the clinic's local midnight to midnight ({@link ClinicTime}).
 */
public final class ScheduleService {
    public enum Source { UPLOAD, INBOX, DEMO }

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ClinicTime time;
    private final KioskConfig config;
    private final Runnable changed;

    /** @param changed told after every change of the schedule, so that open boards refresh */
    public ScheduleService(Jdbi jdbi, AuditLog audit, ClinicTime time, KioskConfig config, Runnable changed) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.time = time;
        this.config = config;
        this.changed = changed;
    }

    /** What an import did: the counts when accepted, otherwise every problem by line. */
    public record Outcome(Optional<ImportRecord> imported, List<String> errors) {
        public boolean accepted() {
            return imported.isPresent();
        }
    }

    public LocalDate today() {
        return time.today();
    }

    public Outcome importFile(String fileName, byte[] content, Source source, Actor actor, String remote) {
        ScheduleFile.Parsed parsed = ScheduleFile.parse(content, time.zone(), config.visitTypes().keySet(), today());
        if (!parsed.valid()) {
            audit.record(new Event(actor, "schedule.import.rejected", null,
                    "file " + fileName + ": " + parsed.errors().size() + " problem(s)", remote));
            return new Outcome(Optional.empty(), parsed.errors());
        }
        ImportRecord record = apply(fileName, sha256(content), parsed.rows(), source, actor, remote);
        changed.run();
        return new Outcome(Optional.of(record), List.of());
    }

    /**
     * Applies valid rows in one transaction. Serialized, so two imports at once (an upload and the inbox) never
     * interleave; unique constraints on the main records' ids back this up.
     */
    synchronized ImportRecord apply(String fileName, String sha256, List<ScheduleRow> rows, Source source, Actor actor,
                                    String remote) {
        Instant now = time.now();
        boolean demo = source == Source.DEMO;
        return jdbi.inTransaction(h -> {
            ScheduleDao dao = h.attach(ScheduleDao.class);
            int created = 0;
            int updated = 0;
            int cancelled = 0;
            int unchanged = 0;
            for (ScheduleRow row : rows) {
                long patientId = upsertPatient(dao, row, demo, now);
                Optional<Appointment> existing = dao.appointmentByExternalId(row.appointmentId());
                if (existing.isEmpty()) {
                    dao.insertAppointment(row, patientId, now);
                    created++;
                } else if (existing.get().sameAs(row, patientId)) {
                    unchanged++;
                } else {
                    dao.updateAppointment(existing.get().id(), row, patientId, now);
                    if (row.status().equals("cancelled") && !existing.get().status().equals("cancelled")) {
                        cancelled++;
                    } else {
                        updated++;
                    }
                }
            }
            ImportRecord record = new ImportRecord(0, fileName, source.name().toLowerCase(), sha256, rows.size(),
                    created, updated, cancelled, unchanged, now, actor.name());
            dao.insertImport(record);
            audit.record(h, new Event(actor, "schedule.import", null, String.format(
                    "file %s: %d rows, %d new, %d updated, %d cancelled, %d unchanged", fileName, rows.size(), created,
                    updated, cancelled, unchanged), remote));
            return record;
        });
    }

    private static long upsertPatient(ScheduleDao dao, ScheduleRow row, boolean demo, Instant now) {
        Optional<Patient> existing = dao.patientByExternalId(row.patientId());
        if (existing.isEmpty()) {
            return dao.insertPatient(row, demo, now);
        }
        Patient p = existing.get();
        // A file without a phone keeps the one on file: the patient may have confirmed it at the kiosk.
        String phone = row.phone() == null ? p.phone() : row.phone();
        boolean same = p.firstName().equals(row.firstName()) && p.lastName().equals(row.lastName())
                && p.dateOfBirth().equals(row.dateOfBirth()) && Objects.equals(p.phone(), phone);
        if (!same) {
            dao.updatePatient(p.id(), row, phone, now);
        }
        return p.id();
    }

    /** The appointments of a local day, cancelled ones included; the view is audited. */
    public List<DayAppointment> day(LocalDate date, Actor viewer, String remote) {
        Instant from = time.startOf(date);
        Instant to = time.endOf(date);
        return jdbi.inTransaction(h -> {
            List<DayAppointment> list = h.attach(ScheduleDao.class).between(from, to);
            audit.record(h, new Event(viewer, "schedule.view", null,
                    "appointments of " + date + " (" + list.size() + " shown)", remote));
            return list;
        });
    }

    /** Today's booked appointments of patients born on {@code dob}, for identification at the kiosk. */
    public List<Booking> bookingsToday(LocalDate dob) {
        LocalDate today = today();
        return jdbi.withExtension(ScheduleDao.class, dao -> dao.bookingsBetween(time.startOf(today), time.endOf(today), dob));
    }

    /** The emergency contact the main records sent for a patient, shown on the chair sheet. */
    public Optional<String> emergencyContact(long patientId) {
        return jdbi.withExtension(ScheduleDao.class, dao -> dao.emergencyContact(patientId))
                .map(c -> c.name() + (c.phone() == null ? "" : ", " + c.phone()));
    }

    public Optional<Booking> booking(long appointmentId) {
        return jdbi.withExtension(ScheduleDao.class, dao -> dao.booking(appointmentId));
    }

    /**
     * A patient not in the main records checks in today: a walk-in patient and an appointment starting now, so the
     * patient can identify at the tablet like anyone booked.
     */
    public long createWalkIn(String first, String last, LocalDate dob, String visitType, Actor actor, String remote) {
        if (config.visitType(visitType).isEmpty()) {
            throw new IllegalArgumentException("unknown visit type " + visitType);
        }
        Instant now = time.now();
        long id = jdbi.inTransaction(h -> {
            ScheduleDao dao = h.attach(ScheduleDao.class);
            long patient = dao.insertWalkInPatient(first, last, dob, now);
            long appointment = dao.insertWalkInAppointment(patient, visitType, now);
            audit.record(h, new Event(actor, "schedule.walk_in", patient, "walk-in appointment " + appointment, remote));
            return appointment;
        });
        changed.run();
        return id;
    }

    /** The main records' patients a walk-in may be: the same names (ignoring case, accents, spaces) and birth date. */
    /** Patients known by this last name, "first last" or main-records id. */
    public List<Long> patientIdsNamed(String name) {
        return jdbi.withExtension(ScheduleDao.class, dao -> dao.patientIdsNamed(name.strip()));
    }

    public List<Patient> linkCandidates(long walkInPatientId) {
        return jdbi.withExtension(ScheduleDao.class, dao -> dao.patient(walkInPatientId)
                .filter(p -> p.walkIn() && p.mergedInto() == null)
                .map(w -> dao.recordsPatientsBornOn(w.dateOfBirth()).stream()
                        .filter(p -> Names.same(w.firstName(), p.firstName()) && Names.same(w.lastName(), p.lastName()))
                        .toList())
                .orElse(List.of()));
    }

    /** The desk confirms that a walk-in is this main-records patient: their appointments (and visits) move over. */
    public boolean linkWalkIn(long walkInPatientId, long patientId, Actor actor, String remote) {
        if (linkCandidates(walkInPatientId).stream().noneMatch(p -> p.id() == patientId)) {
            return false;
        }
        Instant now = time.now();
        boolean linked = jdbi.inTransaction(h -> {
            ScheduleDao dao = h.attach(ScheduleDao.class);
            if (dao.markMerged(walkInPatientId, patientId, now) == 0) {
                return false; // another desk linked it a moment ago
            }
            dao.moveAppointments(walkInPatientId, patientId, now);
            audit.record(h, new Event(actor, "schedule.walk_in.link", patientId,
                    "walk-in patient " + walkInPatientId + " linked to the main records", remote));
            return true;
        });
        if (linked) {
            changed.run();
        }
        return linked;
    }

    public List<ImportRecord> recentImports(int limit) {
        return jdbi.withExtension(ScheduleDao.class, dao -> dao.recentImports(limit));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
