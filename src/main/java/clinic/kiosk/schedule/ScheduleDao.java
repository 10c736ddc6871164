package clinic.kiosk.schedule;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

interface ScheduleDao {
    /** Patients by last name or by "first last" (case-insensitive): the audit viewer's patient filter. */
    @org.jdbi.v3.sqlobject.statement.SqlQuery("""
            SELECT id FROM patient
             WHERE LOWER(last_name) = LOWER(:name) OR LOWER(first_name || ' ' || last_name) = LOWER(:name)
                OR external_id = :name
            """)
    java.util.List<Long> patientIdsNamed(@org.jdbi.v3.sqlobject.customizer.Bind("name") String name);

    @SqlQuery("SELECT * FROM patient WHERE external_id = :externalId")
    @RegisterConstructorMapper(Patient.class)
    Optional<Patient> patientByExternalId(@Bind("externalId") String externalId);

    @SqlUpdate("""
            INSERT INTO patient (external_id, first_name, last_name, date_of_birth, phone, emergency_contact_name,
                                 emergency_contact_phone, demo, created_at, updated_at)
            VALUES (:patientId, :firstName, :lastName, :dateOfBirth, :phone, :emergencyContactName,
                    :emergencyContactPhone, :demo, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insertPatient(@BindMethods ScheduleRow row, @Bind("demo") boolean demo, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE patient SET first_name = :firstName, last_name = :lastName, date_of_birth = :dateOfBirth,
                   phone = :keptPhone, emergency_contact_name = COALESCE(:emergencyContactName, emergency_contact_name),
                   emergency_contact_phone = COALESCE(:emergencyContactPhone, emergency_contact_phone), updated_at = :now
             WHERE id = :id
            """)
    void updatePatient(@Bind("id") long id, @BindMethods ScheduleRow row, @Bind("keptPhone") String keptPhone, @Bind("now") Instant now);

    record EmergencyContact(String name, String phone) {}

    @SqlQuery("SELECT emergency_contact_name AS name, emergency_contact_phone AS phone FROM patient WHERE id = :id AND emergency_contact_name IS NOT NULL")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(EmergencyContact.class)
    Optional<EmergencyContact> emergencyContact(@Bind("id") long patientId);

    @SqlQuery("SELECT * FROM appointment WHERE external_id = :externalId")
    @RegisterConstructorMapper(Appointment.class)
    Optional<Appointment> appointmentByExternalId(@Bind("externalId") String externalId);

    @SqlUpdate("""
            INSERT INTO appointment (external_id, patient_id, starts_at, visit_type, duration_minutes, status,
                                     course_id, course_number, course_length, created_at, updated_at)
            VALUES (:appointmentId, :patient, :startsAt, :visitType, :durationMinutes, :status,
                    :courseId, :courseNumber, :courseLength, :now, :now)
            """)
    void insertAppointment(@BindMethods ScheduleRow row, @Bind("patient") long patient, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE appointment SET patient_id = :patient, starts_at = :startsAt, visit_type = :visitType,
                   duration_minutes = :durationMinutes, status = :status, course_id = :courseId,
                   course_number = :courseNumber, course_length = :courseLength, updated_at = :now
             WHERE id = :id
            """)
    void updateAppointment(@Bind("id") long id, @BindMethods ScheduleRow row, @Bind("patient") long patient,
                           @Bind("now") Instant now);

    @SqlQuery("""
            SELECT a.id, a.external_id, a.starts_at, a.visit_type, a.duration_minutes, a.status, a.course_number,
                   a.course_length, p.id AS patient_id, p.external_id AS patient_external_id, p.first_name,
                   p.last_name, p.date_of_birth, p.demo
              FROM appointment a JOIN patient p ON p.id = a.patient_id
             WHERE a.starts_at >= :from AND a.starts_at < :to
             ORDER BY a.starts_at, p.last_name, p.first_name
            """)
    @RegisterConstructorMapper(DayAppointment.class)
    List<DayAppointment> between(@Bind("from") Instant from, @Bind("to") Instant to);

    String BOOKING = """
            SELECT a.id AS appointment_id, p.id AS patient_id, p.first_name, p.last_name, p.date_of_birth, p.phone,
                   a.visit_type, a.starts_at, p.demo, a.course_id
              FROM appointment a JOIN patient p ON p.id = a.patient_id
            """;

    @SqlQuery(BOOKING + """
             WHERE a.starts_at >= :from AND a.starts_at < :to AND a.status = 'booked'
               AND p.date_of_birth = :dob AND p.merged_into IS NULL
             ORDER BY a.starts_at
            """)
    @RegisterConstructorMapper(Booking.class)
    List<Booking> bookingsBetween(@Bind("from") Instant from, @Bind("to") Instant to, @Bind("dob") java.time.LocalDate dob);

    @SqlQuery(BOOKING + " WHERE a.id = :id")
    @RegisterConstructorMapper(Booking.class)
    Optional<Booking> booking(@Bind("id") long id);

    @SqlUpdate("""
            INSERT INTO patient (first_name, last_name, date_of_birth, walk_in, created_at, updated_at)
            VALUES (:first, :last, :dob, TRUE, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insertWalkInPatient(@Bind("first") String first, @Bind("last") String last,
                             @Bind("dob") java.time.LocalDate dob, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO appointment (patient_id, starts_at, visit_type, status, created_at, updated_at)
            VALUES (:patient, :now, :visitType, 'booked', :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insertWalkInAppointment(@Bind("patient") long patient, @Bind("visitType") String visitType, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM patient WHERE id = :id")
    @RegisterConstructorMapper(Patient.class)
    Optional<Patient> patient(@Bind("id") long id);

    @SqlQuery("""
            SELECT * FROM patient
             WHERE date_of_birth = :dob AND walk_in = FALSE AND merged_into IS NULL AND external_id IS NOT NULL
            """)
    @RegisterConstructorMapper(Patient.class)
    List<Patient> recordsPatientsBornOn(@Bind("dob") java.time.LocalDate dob);

    @SqlUpdate("UPDATE appointment SET patient_id = :to, updated_at = :now WHERE patient_id = :from")
    int moveAppointments(@Bind("from") long from, @Bind("to") long to, @Bind("now") Instant now);

    @SqlUpdate("UPDATE patient SET merged_into = :to, updated_at = :now WHERE id = :from AND walk_in = TRUE AND merged_into IS NULL")
    int markMerged(@Bind("from") long from, @Bind("to") long to, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO schedule_import (file_name, source, sha256, row_count, created, updated, cancelled, unchanged,
                                         imported_at, imported_by)
            VALUES (:fileName, :source, :sha256, :rowCount, :created, :updated, :cancelled, :unchanged, :importedAt,
                    :importedBy)
            """)
    void insertImport(@BindMethods ImportRecord record);

    @SqlQuery("SELECT * FROM schedule_import ORDER BY id DESC LIMIT :limit")
    @RegisterConstructorMapper(ImportRecord.class)
    List<ImportRecord> recentImports(@Bind("limit") int limit);
}
