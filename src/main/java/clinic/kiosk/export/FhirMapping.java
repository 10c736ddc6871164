package clinic.kiosk.export;

import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.queue.VisitState;
import clinic.kiosk.screening.Questionnaire;
import clinic.kiosk.screening.Screening;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;

/**
 * One appointment's record as FHIR R4 resources (US Core codes where they fit). Ids are name-based UUIDs of the
 * kiosk's own keys, so the same record always has the same ids and an amendment repeats them with a new
 * {@code meta.versionId}. Every time in a resource is the time of the event it records.
 */
final class FhirMapping {
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String KIOSK = "urn:intake-kiosk:";

    private final KioskConfig config;
    private final Screening screening;
    private final TimeZone zone;

    FhirMapping(KioskConfig config, Screening screening) {
        this.config = config;
        this.screening = screening;
        this.zone = TimeZone.getTimeZone(config.clinic().timeZone());
    }

    /** A resource's id: a UUID named by its type and the kiosk's key, the same in every export. */
    static String id(String type, String key) {
        return UUID.nameUUIDFromBytes((KIOSK + type + "/" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String fullUrl(Resource r) {
        return "urn:uuid:" + r.getIdElement().getIdPart();
    }

    private static Reference ref(Resource r) {
        return new Reference(fullUrl(r));
    }

    private DateTimeType dateTime(Instant at) {
        return new DateTimeType(Date.from(at), ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND, zone);
    }

    private static InstantType instant(Instant at) {
        return new InstantType(Date.from(at));
    }

    private Period period(Instant start, Instant end) {
        Period p = new Period().setStartElement(dateTime(start));
        if (end != null) {
            p.setEndElement(dateTime(end));
        }
        return p;
    }

    /** The resources of one record, in a fixed order; the patient first unless it is already in the bundle. */
    List<Resource> resources(VisitRecord r, int version, boolean withPatient) {
        List<Resource> out = new ArrayList<>();
        ExportDao.Appointment a = r.appointment();
        Patient patient = patient(a);
        if (withPatient) {
            out.add(patient);
        }
        Appointment appointment = appointment(r, patient);
        out.add(appointment);
        if (a.visitId() == null) {
            version(out, version, withPatient);
            return out;
        }
        Encounter encounter = encounter(r, patient, appointment);
        out.add(encounter);
        boolean visitOver = state(r).finished();
        for (VisitRecord.Responded responded : r.responses()) {
            QuestionnaireResponse qr = questionnaireResponse(responded, patient, encounter, visitOver);
            out.add(qr);
            score(responded, patient, encounter, qr).ifPresent(out::add);
            riskLevel(responded, patient, encounter, qr).ifPresent(out::add);
            out.add(provenance("qr-" + responded.response().id(), qr, responded.response().authoredAt(),
                    "author", new Reference(fullUrl(patient)).setDisplay("the patient, at the kiosk"), null));
        }
        for (ExportDao.Vital v : r.vitals()) {
            out.addAll(vitals(v, patient, encounter));
        }
        for (ExportDao.Medication m : r.medications()) {
            out.add(medicationAdministration(m, patient, encounter));
        }
        r.discharge().ifPresent(d -> out.add(provenance("discharge-" + d.id(), encounter, d.at(),
                d.overrideReason() != null ? "verifier" : "performer", new Reference().setDisplay("staff " + d.staffName()),
                dischargeText(d))));
        for (ExportDao.ChairEvent e : r.events()) {
            if (e.kind().equals("bp_override")) {
                // A clinician's decision, not an event that happened to the patient: who, when and why.
                out.add(provenance("bp-override-" + e.id(), encounter, e.at(), "verifier",
                        new Reference().setDisplay("staff " + e.staffName()),
                        "blood pressure above the hold threshold overridden" + (e.note() == null ? "" : ": " + e.note())));
            } else {
                out.add(adverseEvent(e, patient, encounter));
            }
        }
        for (VisitRecord.Flagged f : r.flags()) {
            Flag flag = flag(f, patient, encounter);
            out.add(flag);
            for (ExportDao.FlagEvent e : f.events()) {
                out.add(provenance("flag-event-" + e.id(), flag, e.at(),
                        e.event().equals("raised") || e.event().equals("changed") ? "author" : "verifier",
                        new Reference().setDisplay(e.actorKind().equals("staff") ? "staff " + e.actorName() : e.actorName()),
                        e.event() + (e.reason() == null ? "" : ": " + e.reason())));
            }
        }
        for (ExportDao.Consent c : r.consents()) {
            Consent consent = consent(c, patient);
            out.add(consent);
            out.add(provenance("consent-" + c.id(), consent, c.signedAt(), "author",
                    c.method().equals("paper") ? new Reference().setDisplay("staff " + c.witnessName() + " (witness, paper consent)")
                            : new Reference(fullUrl(patient)).setDisplay("the patient, signed at the kiosk"), null));
        }
        version(out, version, withPatient);
        return out;
    }

    /** Every resource but the patient (which many records share) carries the record's version. */
    private static void version(List<Resource> resources, int version, boolean withPatient) {
        for (int i = withPatient ? 1 : 0; i < resources.size(); i++) {
            resources.get(i).getMeta().setVersionId(Integer.toString(version));
        }
    }

    private Patient patient(ExportDao.Appointment a) {
        Patient p = new Patient();
        String key = a.patientExternalId() != null ? "records-" + a.patientExternalId() : "kiosk-" + a.patientId();
        p.setId(id("Patient", key));
        if (a.patientExternalId() != null) {
            p.addIdentifier(new Identifier().setSystem(KIOSK + "main-records-patient-id").setValue(a.patientExternalId()));
        }
        p.addIdentifier(new Identifier().setSystem(KIOSK + "kiosk-patient-id").setValue(Long.toString(a.patientId())));
        p.addName(new HumanName().setFamily(a.lastName()).addGiven(a.firstName()));
        p.setBirthDateElement(new DateType(a.dateOfBirth().getYear(), a.dateOfBirth().getMonthValue() - 1, a.dateOfBirth().getDayOfMonth()));
        if (a.patientPhone() != null) {
            p.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(a.patientPhone()));
        }
        return p;
    }

    /** The visit's state, or for an appointment without a visit, expected or cancelled. */
    static VisitState state(VisitRecord r) {
        ExportDao.Appointment a = r.appointment();
        if (a.state() != null) {
            return a.state();
        }
        return a.appointmentStatus().equals("cancelled") ? VisitState.CANCELLED : VisitState.EXPECTED;
    }

    private Appointment appointment(VisitRecord r, Patient patient) {
        ExportDao.Appointment a = r.appointment();
        Appointment ap = new Appointment();
        ap.setId(id("Appointment", Long.toString(a.appointmentId())));
        if (a.appointmentExternalId() != null) {
            ap.addIdentifier(new Identifier().setSystem(KIOSK + "main-records-appointment-id").setValue(a.appointmentExternalId()));
        }
        VisitState state = state(r);
        ap.setStatus(switch (state) {
            case EXPECTED -> Appointment.AppointmentStatus.BOOKED;
            case ARRIVED -> Appointment.AppointmentStatus.ARRIVED;
            case NEEDS_REVIEW, READY, SEATED, IN_ROOM -> Appointment.AppointmentStatus.CHECKEDIN;
            case INFUSING, RECOVERING, WAITING_FOR_ESCORT, DISCHARGED -> Appointment.AppointmentStatus.FULFILLED;
            case NO_SHOW -> Appointment.AppointmentStatus.NOSHOW;
            case HELD, CANCELLED, LEFT -> Appointment.AppointmentStatus.CANCELLED;
        });
        if (state == VisitState.HELD && a.holdReason() != null) {
            // The nurse's note ("other: ...") is in the reason of the move to HELD: never lost.
            String why = r.transitions().stream().filter(t -> t.toState() == VisitState.HELD).reduce((x, y) -> y)
                    .map(ExportDao.Transition::reason).orElse(a.holdReason().replace('_', ' '));
            ap.setCancelationReason(new CodeableConcept().addCoding(new Coding(KIOSK + "hold-reason", a.holdReason(), null))
                    .setText("held: " + why));
        }
        Duration length = a.durationMinutes() != null ? Duration.ofMinutes(a.durationMinutes())
                : config.visitType(a.visitType()).map(KioskConfig.VisitType::duration).orElse(Duration.ofMinutes(60));
        ap.setStartElement(instant(a.startsAt()));
        ap.setEndElement(instant(a.startsAt().plus(length)));
        ap.addServiceType(new CodeableConcept().addCoding(new Coding(KIOSK + "visit-type", a.visitType(), null))
                .setText(config.visitType(a.visitType()).map(KioskConfig.VisitType::label).orElse(a.visitType())));
        ap.addParticipant().setActor(ref(patient)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return ap;
    }

    private static Encounter.EncounterStatus encounterStatus(VisitState state) {
        return switch (state) {
            case EXPECTED -> Encounter.EncounterStatus.PLANNED;
            case ARRIVED -> Encounter.EncounterStatus.ARRIVED;
            case NEEDS_REVIEW, READY -> Encounter.EncounterStatus.TRIAGED;
            case SEATED, INFUSING, RECOVERING, WAITING_FOR_ESCORT, IN_ROOM -> Encounter.EncounterStatus.INPROGRESS;
            case DISCHARGED -> Encounter.EncounterStatus.FINISHED;
            case HELD, CANCELLED, NO_SHOW, LEFT -> Encounter.EncounterStatus.CANCELLED;
        };
    }

    private Encounter encounter(VisitRecord r, Patient patient, Appointment appointment) {
        ExportDao.Appointment a = r.appointment();
        Encounter e = new Encounter();
        e.setId(id("Encounter", Long.toString(a.visitId())));
        e.addIdentifier(new Identifier().setSystem(KIOSK + "visit-id").setValue(Long.toString(a.visitId())));
        e.setStatus(encounterStatus(a.state()));
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        e.addType(new CodeableConcept().setText(config.visitType(a.visitType()).map(KioskConfig.VisitType::label).orElse(a.visitType())));
        e.setSubject(ref(patient));
        e.addAppointment(ref(appointment));
        List<ExportDao.Transition> ts = r.transitions();
        Instant start = a.arrivedAt() != null ? a.arrivedAt() : ts.isEmpty() ? a.startsAt() : ts.get(0).at();
        Instant end = null;
        // statusHistory: each stretch of one encounter status, from the transition into it to the next change.
        Encounter.EncounterStatus current = null;
        Encounter.StatusHistoryComponent open = null;
        for (ExportDao.Transition t : ts) {
            Encounter.EncounterStatus s = encounterStatus(t.toState());
            if (s == current) {
                continue;
            }
            if (open != null) {
                open.getPeriod().setEndElement(dateTime(t.at()));
            }
            open = e.addStatusHistory().setStatus(s).setPeriod(period(t.at(), null));
            current = s;
            if (s == Encounter.EncounterStatus.FINISHED || s == Encounter.EncounterStatus.CANCELLED) {
                end = t.at();
            }
        }
        if (end != null && end.isBefore(start)) {
            start = end;
        }
        e.setPeriod(period(start, end));
        r.discharge().ifPresent(d -> e.getHospitalization().setDischargeDisposition(new CodeableConcept()
                .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/discharge-disposition", "home", "Home"))
                .setText(d.escortName() == null ? "home" : "home with " + d.escortName()
                        + (d.escortAsGiven() ? " (the escort given at check-in)" : " (another adult)"))));
        for (ExportDao.PlaceUse p : r.places()) {
            String name = config.place(p.placeId()).map(KioskConfig.Place::name).orElse(p.placeId());
            e.addLocation().setLocation(new Reference().setDisplay(name)
                            .setIdentifier(new Identifier().setSystem(KIOSK + "place").setValue(p.placeId())))
                    .setStatus(p.endedAt() == null ? Encounter.EncounterLocationStatus.ACTIVE : Encounter.EncounterLocationStatus.COMPLETED)
                    .setPeriod(period(p.startedAt(), p.endedAt()));
        }
        return e;
    }

    /**
     * A response with the answers the patient last gave to the questions the form shows: an answer a changed earlier
     * answer hid is not sent. A voided response is entered-in-error; an unfinished one is in-progress while the visit
     * goes on and stopped once it is over, never completed.
     */
    private QuestionnaireResponse questionnaireResponse(VisitRecord.Responded responded, Patient patient, Encounter encounter,
                                                        boolean visitOver) {
        ExportDao.Response resp = responded.response();
        Questionnaire form = screening.forms().get(resp.formId());
        QuestionnaireResponse qr = new QuestionnaireResponse();
        qr.setId(id("QuestionnaireResponse", Long.toString(resp.id())));
        qr.setQuestionnaire((form == null ? KIOSK + "questionnaire:" + resp.formId() : form.url()) + "|" + resp.formVersion());
        qr.setStatus(resp.voided() ? QuestionnaireResponse.QuestionnaireResponseStatus.ENTEREDINERROR
                : resp.completedAt() != null ? QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
                : visitOver ? QuestionnaireResponse.QuestionnaireResponseStatus.STOPPED
                : QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
        qr.setSubject(ref(patient));
        qr.setEncounter(ref(encounter));
        qr.setAuthoredElement(dateTime(resp.authoredAt()));
        qr.setAuthor(ref(patient));
        qr.setSource(ref(patient));
        if (resp.language() != null) {
            qr.setLanguage(resp.language());
        }
        Map<String, QuestionnaireResponse.QuestionnaireResponseItemComponent> byLink = new java.util.LinkedHashMap<>();
        java.util.Set<String> shown = shownQuestions(form, responded.answers());
        for (ExportDao.Answer answer : responded.answers()) {
            if (!shown.contains(answer.linkId()) || empty(answer)) {
                continue;
            }
            QuestionnaireResponse.QuestionnaireResponseItemComponent item = byLink.computeIfAbsent(answer.linkId(), link -> {
                QuestionnaireResponse.QuestionnaireResponseItemComponent i = qr.addItem().setLinkId(link);
                if (form != null) {
                    form.item(link).ifPresent(question -> i.setText(question.text()));
                }
                return i;
            });
            item.addAnswer().setValue(value(answer));
        }
        return qr;
    }

    /** The questions the form shows with these answers (a question hidden by its enableWhen is not). */
    private static java.util.Set<String> shownQuestions(Questionnaire form, List<ExportDao.Answer> answers) {
        java.util.Set<String> links = new java.util.LinkedHashSet<>();
        answers.forEach(a -> links.add(a.linkId()));
        if (form == null) {
            return links;
        }
        Map<String, List<clinic.kiosk.screening.Value>> values = new java.util.LinkedHashMap<>();
        for (ExportDao.Answer a : answers) {
            List<clinic.kiosk.screening.Value> list = values.computeIfAbsent(a.linkId(), k -> new ArrayList<>());
            if (!empty(a)) {
                list.add(new clinic.kiosk.screening.Value(a.valueSystem(), a.valueCode(), a.valueDisplay(), a.valueBoolean(),
                        a.valueNumber(), a.valueText(), a.valueDate(), a.valueDatetime()));
            }
        }
        clinic.kiosk.screening.Answers read = new clinic.kiosk.screening.Answers(form, values, Map.of());
        links.removeIf(link -> form.item(link).map(item -> !read.enabled(item)).orElse(false));
        return links;
    }

    /** A question the patient saw and left empty: nothing to send. */
    private static boolean empty(ExportDao.Answer a) {
        return a.valueCode() == null && a.valueBoolean() == null && a.valueNumber() == null && a.valueText() == null
                && a.valueDate() == null && a.valueDatetime() == null;
    }

    private Type value(ExportDao.Answer a) {
        if (a.valueCode() != null) {
            return new Coding(a.valueSystem(), a.valueCode(), a.valueDisplay());
        }
        if (a.valueBoolean() != null) {
            return new BooleanType(a.valueBoolean());
        }
        if (a.valueNumber() != null) {
            BigDecimal n = a.valueNumber().stripTrailingZeros();
            return n.scale() <= 0 ? new IntegerType(n.intValueExact()) : new DecimalType(n);
        }
        if (a.valueDate() != null) {
            return new DateType(a.valueDate().toString());
        }
        if (a.valueDatetime() != null) {
            return dateTime(a.valueDatetime().atZone(config.clinic().timeZone()).toInstant());
        }
        return new StringType(a.valueText() == null ? "" : a.valueText());
    }

    private Optional<Observation> score(VisitRecord.Responded responded, Patient patient, Encounter encounter,
                                        QuestionnaireResponse qr) {
        ExportDao.Response resp = responded.response();
        KioskConfig.FormSettings settings = config.forms().get(resp.formId());
        if (settings == null || settings.totalCode() == null || resp.total() == null) {
            return Optional.empty();
        }
        Questionnaire form = screening.forms().get(resp.formId());
        // A total exists only once every scored question is answered (Answers.total): never a partial sum.
        Observation o = new Observation();
        o.setId(id("Observation", "score-" + resp.id()));
        o.setStatus(resp.voided() ? Observation.ObservationStatus.ENTEREDINERROR : Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept().addCoding(new Coding(OBSERVATION_CATEGORY, "survey", "Survey")));
        o.setCode(new CodeableConcept().addCoding(new Coding(LOINC, settings.totalCode(), null))
                .setText((form == null ? resp.formId() : form.title()) + " total score"));
        o.setSubject(ref(patient));
        o.setEncounter(ref(encounter));
        o.setEffective(dateTime(resp.authoredAt()));
        o.setValue(new IntegerType(resp.total()));
        o.addPerformer(ref(patient)); // self-reported at the kiosk
        if (resp.band() != null) {
            o.addInterpretation(new CodeableConcept().setText(resp.band()));
        }
        o.addDerivedFrom(ref(qr));
        return Optional.of(o);
    }

    /**
     * The C-SSRS risk level as its own Observation, derived from the response: LOINC 93374-7 for the recent
     * screener, the kiosk's own code for the since-last-visit version (LOINC has none), as kiosk.yaml says.
     */
    private Optional<Observation> riskLevel(VisitRecord.Responded responded, Patient patient, Encounter encounter,
                                            QuestionnaireResponse qr) {
        ExportDao.Response resp = responded.response();
        KioskConfig.FormSettings settings = config.forms().get(resp.formId());
        if (settings == null || settings.riskLevel().isEmpty() || resp.riskLevel() == null) {
            return Optional.empty();
        }
        KioskConfig.RiskLevel risk = settings.riskLevel().get();
        Observation o = new Observation();
        o.setId(id("Observation", "risk-" + resp.id()));
        o.setStatus(resp.voided() ? Observation.ObservationStatus.ENTEREDINERROR : Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept().addCoding(new Coding(OBSERVATION_CATEGORY, "survey", "Survey")));
        o.setCode(new CodeableConcept().addCoding(new Coding(risk.code().system(), risk.code().code(), risk.display()))
                .setText(risk.display()));
        o.setSubject(ref(patient));
        o.setEncounter(ref(encounter));
        o.setEffective(dateTime(resp.authoredAt()));
        CodeableConcept value = new CodeableConcept().setText(resp.riskLevel());
        risk.levels().stream().filter(l -> l.label().equals(resp.riskLevel()) && l.answer() != null).findFirst()
                .ifPresent(l -> value.addCoding(new Coding(l.answer().system(), l.answer().code(), l.label())));
        o.setValue(value);
        o.addPerformer(ref(patient)); // self-reported at the kiosk
        o.addDerivedFrom(ref(qr));
        return Optional.of(o);
    }

    private static Quantity quantity(BigDecimal value, String unit, String code) {
        return new Quantity().setValue(value).setUnit(unit).setSystem(UCUM).setCode(code);
    }

    private Observation vital(String key, ExportDao.Vital v, Patient patient, Encounter encounter, String code, String display) {
        Observation o = new Observation();
        o.setId(id("Observation", key + "-" + v.id()));
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept().addCoding(new Coding(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs")));
        o.setCode(new CodeableConcept().addCoding(new Coding(LOINC, code, display)).setText(display));
        o.setSubject(ref(patient));
        o.setEncounter(ref(encounter));
        o.setEffective(dateTime(v.takenAt()));
        o.addPerformer(new Reference().setDisplay("staff " + v.staffName()));
        o.addNote().setText(switch (v.phase()) {
            case "before" -> "before the infusion";
            case "during" -> "during the infusion";
            default -> "after the infusion";
        });
        return o;
    }

    private List<Observation> vitals(ExportDao.Vital v, Patient patient, Encounter encounter) {
        List<Observation> out = new ArrayList<>();
        Observation bp = vital("bp", v, patient, encounter, "85354-9", "Blood pressure panel with all children optional");
        bp.addComponent().setCode(new CodeableConcept().addCoding(new Coding(LOINC, "8480-6", "Systolic blood pressure")))
                .setValue(quantity(BigDecimal.valueOf(v.systolic()), "mmHg", "mm[Hg]"));
        bp.addComponent().setCode(new CodeableConcept().addCoding(new Coding(LOINC, "8462-4", "Diastolic blood pressure")))
                .setValue(quantity(BigDecimal.valueOf(v.diastolic()), "mmHg", "mm[Hg]"));
        out.add(bp);
        Observation hr = vital("hr", v, patient, encounter, "8867-4", "Heart rate");
        hr.setValue(quantity(BigDecimal.valueOf(v.heartRate()), "beats/minute", "/min"));
        out.add(hr);
        Observation spo2 = vital("spo2", v, patient, encounter, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry");
        spo2.getCode().addCoding(new Coding(LOINC, "2708-6", "Oxygen saturation in Arterial blood"));
        spo2.setValue(quantity(BigDecimal.valueOf(v.spo2()), "%", "%"));
        out.add(spo2);
        if (v.respiratoryRate() != null) {
            Observation rr = vital("rr", v, patient, encounter, "9279-1", "Respiratory rate");
            rr.setValue(quantity(BigDecimal.valueOf(v.respiratoryRate()), "breaths/minute", "/min"));
            out.add(rr);
        }
        if (v.sedation() != null) {
            out.add(scale("rass", v, patient, encounter, "Richmond Agitation-Sedation Scale (RASS)", v.sedation(),
                    RASS.get(v.sedation())));
        }
        if (v.dissociation() != null) {
            out.add(scale("dissociation", v, patient, encounter, "Dissociation rating (CADSS anchors, 0 to 4)",
                    v.dissociation(), DISSOCIATION.get(v.dissociation())));
        }
        if (v.weightKg() != null) {
            Observation w = vital("weight", v, patient, encounter, "29463-7", "Body weight");
            w.setValue(quantity(v.weightKg(), "kg", "kg"));
            out.add(w);
        }
        return out;
    }

    /** The RASS's terms (Sessler et al. 2002) and the dissociation rating's anchors, for the value's text. */
    private static final Map<Integer, String> RASS = Map.of(4, "Combative", 3, "Very agitated", 2, "Agitated",
            1, "Restless", 0, "Alert and calm", -1, "Drowsy", -2, "Light sedation", -3, "Moderate sedation",
            -4, "Deep sedation", -5, "Unarousable");
    private static final Map<Integer, String> DISSOCIATION = Map.of(0, "Not at all", 1, "Slightly", 2, "Moderately",
            3, "Considerably", 4, "Extremely");

    /**
     * A sedation or dissociation score taken with the vital signs: an exam Observation with the kiosk's own code (no
     * LOINC code for them could be confirmed), the score as an integer and its term as the interpretation.
     */
    private Observation scale(String key, ExportDao.Vital v, Patient patient, Encounter encounter, String display,
                              int score, String term) {
        Observation o = vital(key, v, patient, encounter, null, display);
        o.getCategory().clear();
        o.addCategory(new CodeableConcept().addCoding(new Coding(OBSERVATION_CATEGORY, "exam", "Exam")));
        o.setCode(new CodeableConcept().addCoding(new Coding(KIOSK + "observation", key, display)).setText(display));
        o.setValue(new IntegerType(score));
        o.addInterpretation(new CodeableConcept().setText((score > 0 ? "+" : "") + score + " " + term));
        return o;
    }

    /**
     * A medication given as a MedicationAdministration: the drug (RxNorm as kiosk.yaml codes it) with its lot in a
     * contained Medication, the dose in mg (and the mg/kg and weight it came from in the text), route and rate, start
     * and end, and who prepared and who gave it. Recorded but never started: not-done; voided: entered-in-error.
     */
    private MedicationAdministration medicationAdministration(ExportDao.Medication m, Patient patient, Encounter encounter) {
        MedicationAdministration ma = new MedicationAdministration();
        ma.setId(id("MedicationAdministration", Long.toString(m.id())));
        Medication drug = new Medication();
        drug.setId("medication");
        CodeableConcept code = new CodeableConcept().setText(m.name());
        if (m.code() != null) {
            code.addCoding(new Coding(m.codeSystem(), m.code(), m.name()));
        }
        drug.setCode(code);
        drug.getBatch().setLotNumber(m.lot());
        ma.addContained(drug);
        ma.setMedication(new Reference("#medication"));
        ma.setStatus(m.voidedAt() != null ? MedicationAdministration.MedicationAdministrationStatus.ENTEREDINERROR
                : m.startedAt() == null ? MedicationAdministration.MedicationAdministrationStatus.NOTDONE
                : m.kind().equals("infusion") && m.endedAt() == null ? MedicationAdministration.MedicationAdministrationStatus.INPROGRESS
                : MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        if (m.voidedAt() != null) {
            ma.addStatusReason(new CodeableConcept().setText("voided by " + m.voidedBy()
                    + (m.voidReason() == null ? "" : ": " + m.voidReason())));
        } else if (m.startedAt() == null) {
            ma.addStatusReason(new CodeableConcept().setText("recorded, not given"));
        }
        ma.setCategory(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/medication-admin-category", "outpatient", "Outpatient")));
        ma.setSubject(ref(patient));
        ma.setContext(ref(encounter));
        Instant start = m.startedAt() == null ? m.recordedAt() : m.startedAt();
        if (m.endedAt() != null || m.kind().equals("infusion") && m.startedAt() != null) {
            ma.setEffective(period(start, m.endedAt()));
        } else {
            ma.setEffective(dateTime(start));
        }
        ma.addPerformer().setFunction(new CodeableConcept().addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/med-admin-perform-function", "performer", "Performer")))
                .setActor(new Reference().setDisplay("staff " + m.givenBy()));
        ma.addPerformer().setFunction(new CodeableConcept().addCoding(new Coding(KIOSK + "medication-role", "prepared",
                        "Prepared the dose")).setText("prepared by"))
                .setActor(new Reference().setDisplay("staff " + m.preparedBy()));
        MedicationAdministration.MedicationAdministrationDosageComponent dosage = ma.getDosage();
        String perKg = m.doseMgPerKg() == null ? "" : m.doseMgPerKg().stripTrailingZeros().toPlainString() + " mg/kg × "
                + m.weightKg().toPlainString() + " kg = ";
        dosage.setText(perKg + m.doseMg().stripTrailingZeros().toPlainString() + " mg " + m.route()
                + (m.overMinutes() == null ? "" : " over " + m.overMinutes() + " min"));
        CodeableConcept route = new CodeableConcept().setText(m.route());
        if (m.route().equals("IV")) {
            route.addCoding(new Coding("http://snomed.info/sct", "47625008", "Intravenous route"));
        }
        dosage.setRoute(route);
        dosage.setDose(quantity(m.doseMg(), "mg", "mg"));
        if (m.overMinutes() != null) {
            dosage.setRate(new Ratio().setNumerator(quantity(m.doseMg(), "mg", "mg"))
                    .setDenominator(quantity(BigDecimal.valueOf(m.overMinutes()), "min", "min")));
        }
        return ma;
    }

    /** What the discharge Provenance says: each criterion as it stood, the escort, and an override with its reason. */
    private static String dischargeText(ExportDao.Discharge d) {
        StringBuilder text = new StringBuilder("discharged");
        if (d.escortName() != null) {
            text.append(" home with ").append(d.escortName());
        }
        if (d.criteria() != null) {
            text.append("; criteria: ").append(d.criteria());
        }
        if (d.overrideReason() != null) {
            text.append("; criteria missing overridden by ").append(d.overrideBy()).append(": ").append(d.overrideReason());
        }
        return text.toString();
    }

    private static final Map<String, String> EVENTS = Map.of(
            "emergence_reaction", "Emergence reaction", "hypertension_treated", "Hypertension treated",
            "vomiting", "Vomiting", "low_spo2", "Low SpO2", "other", "Other in-chair event",
            "stopped_early", "Infusion stopped early");

    private AdverseEvent adverseEvent(ExportDao.ChairEvent e, Patient patient, Encounter encounter) {
        AdverseEvent ae = new AdverseEvent();
        ae.setId(id("AdverseEvent", Long.toString(e.id())));
        ae.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL);
        String what = EVENTS.getOrDefault(e.kind(), e.kind());
        ae.setEvent(new CodeableConcept().addCoding(new Coding(KIOSK + "in-chair-event", e.kind(), what))
                .setText(e.note() == null ? what : what + ": " + e.note()));
        ae.setSubject(ref(patient));
        ae.setEncounter(ref(encounter));
        ae.setDateElement(dateTime(e.at()));
        ae.setRecorder(new Reference().setDisplay("staff " + e.staffName()));
        return ae;
    }

    /**
     * A flag with its real status: FHIR's active or inactive, and the kiosk's own status (open, acknowledged,
     * cleared, changed, withdrawn) with the last decision on it (who, when, why) in an extension; every event of its
     * history also goes out as a Provenance.
     */
    private Flag flag(VisitRecord.Flagged f, Patient patient, Encounter encounter) {
        ExportDao.Flag row = f.flag();
        Flag flag = new Flag();
        flag.setId(id("Flag", Long.toString(row.id())));
        flag.setStatus(switch (row.status()) {
            case "open", "acknowledged", "changed" -> Flag.FlagStatus.ACTIVE;
            default -> Flag.FlagStatus.INACTIVE;
        });
        Extension status = flag.addExtension().setUrl(KIOSK + "flag-status");
        status.addExtension(new Extension("status", new org.hl7.fhir.r4.model.CodeType(row.status())));
        status.addExtension(new Extension("tier", new org.hl7.fhir.r4.model.CodeType(row.tier())));
        f.events().stream().filter(e -> !e.event().equals("raised")).reduce((x, y) -> y).ifPresent(e -> {
            Extension decision = new Extension("decision");
            decision.addExtension(new Extension("event", new org.hl7.fhir.r4.model.CodeType(e.event())));
            decision.addExtension(new Extension("by", new StringType(e.actorName())));
            decision.addExtension(new Extension("at", dateTime(e.at())));
            if (e.reason() != null) {
                decision.addExtension(new Extension("reason", new StringType(e.reason())));
            }
            status.addExtension(decision);
        });
        flag.addCategory(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/flag-category",
                "clinical", "Clinical")));
        flag.setCode(new CodeableConcept().addCoding(new Coding(KIOSK + "flag", row.code(), null))
                .setText(row.tier().toUpperCase(java.util.Locale.ROOT) + ": " + row.clinicianMessage()));
        flag.setSubject(ref(patient));
        flag.setEncounter(ref(encounter));
        Instant ended = row.status().equals("cleared") || row.status().equals("withdrawn") ? row.updatedAt() : null;
        flag.setPeriod(period(row.raisedAt(), ended));
        flag.setAuthor(new Reference().setDisplay("Intake Kiosk (screening rule " + row.code() + ")"));
        return flag;
    }

    /**
     * A consent as what it is: the treatment consent has scope treatment and category "Patient Consent"; the
     * privacy notice's acknowledgement scope patient-privacy and category "Notice of Privacy Practices"; the
     * financial policy is no consent to treatment, so its scope and category are the kiosk's own, "financial policy
     * acknowledgement". The policy names the clinic's document and its version.
     */
    private Consent consent(ExportDao.Consent c, Patient patient) {
        Consent consent = new Consent();
        consent.setId(id("Consent", Long.toString(c.id())));
        consent.setStatus(c.voidedAt() != null ? Consent.ConsentState.ENTEREDINERROR : Consent.ConsentState.ACTIVE);
        String scopes = "http://terminology.hl7.org/CodeSystem/consentscope";
        switch (c.scope()) {
            case "privacy" -> {
                consent.setScope(new CodeableConcept().addCoding(new Coding(scopes, "patient-privacy", "Privacy Consent")));
                consent.addCategory(new CodeableConcept().addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/consentcategorycodes", "npp", "notice of privacy practices"))
                        .setText(c.title()));
            }
            case "financial" -> {
                consent.setScope(new CodeableConcept().addCoding(new Coding(KIOSK + "consent-scope", "financial",
                        "Financial policy")).setText("Financial policy acknowledgement (not a consent to treatment)"));
                consent.addCategory(new CodeableConcept().addCoding(new Coding(KIOSK + "consent-category",
                        "financial-policy", "Financial policy acknowledgement")).setText(c.title()));
            }
            default -> {
                consent.setScope(new CodeableConcept().addCoding(new Coding(scopes, "treatment", "Treatment")));
                consent.addCategory(new CodeableConcept().addCoding(new Coding(LOINC, "59284-0", "Patient Consent")).setText(c.title()));
            }
        }
        consent.setPatient(ref(patient));
        consent.setDateTimeElement(dateTime(c.signedAt()));
        consent.addPerformer(ref(patient));
        consent.addPolicy().setUri(KIOSK + "consent:" + c.consentId() + ":" + c.consentVersion())
                .setAuthority(KIOSK + "clinic-policy:" + c.scope());
        consent.addIdentifier(new Identifier().setSystem(KIOSK + "consent-text-sha256").setValue(c.textSha256()));
        if (c.pdfSha256() != null) {
            Attachment pdf = new Attachment().setContentType("application/pdf").setUrl(ExportWriter.consentPath(c))
                    .setTitle(c.title()).setSize(c.pdfBytes() == null ? 0 : c.pdfBytes().intValue());
            consent.setSource(pdf);
        }
        if (c.method().equals("paper")) {
            consent.addVerification().setVerified(true).setVerificationDateElement(dateTime(c.signedAt()));
        }
        return consent;
    }

    /** Adds the PDF's SHA-1 (the Attachment's own hash) and SHA-256 (an extension), known once the file is written. */
    static void hashes(Consent consent, byte[] sha1, String sha256) {
        if (consent.getSource() instanceof Attachment pdf) {
            pdf.setHash(sha1);
            pdf.addExtension(new Extension(KIOSK + "sha256", new StringType(sha256)));
        }
    }

    private Provenance provenance(String key, Resource target, Instant at, String role, Reference who, String reason) {
        Provenance p = new Provenance();
        p.setId(id("Provenance", key));
        p.addTarget(ref(target));
        p.setRecordedElement(instant(at));
        p.addAgent().setType(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/provenance-participant-type", role, null))).setWho(who);
        p.addAgent().setType(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "assembler", "Assembler")))
                .setWho(new Reference().setDisplay("Intake Kiosk at " + config.clinic().name()));
        if (reason != null) {
            p.addReason(new CodeableConcept().setText(reason));
        }
        return p;
    }
}
