package clinic.kiosk.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the export sends about one appointment: the booking and its patient, and, once the patient came, the
 * visit's effective transitions (an undone step and its undo left out), places, completed answers, vitals, in-chair
 * events, flags with their history, consents signed, the medication record and the discharge. Its fingerprint changes exactly when
 * something the export sends changes.
 */
record VisitRecord(ExportDao.Appointment appointment, List<ExportDao.Transition> transitions,
                   List<ExportDao.PlaceUse> places, List<Responded> responses, List<ExportDao.Vital> vitals,
                   List<ExportDao.ChairEvent> events, List<Flagged> flags, List<ExportDao.Consent> consents,
                   List<ExportDao.Medication> medications, Optional<ExportDao.Discharge> discharge) {

    record Responded(ExportDao.Response response, List<ExportDao.Answer> answers) {}

    record Flagged(ExportDao.Flag flag, List<ExportDao.FlagEvent> events) {}

    VisitRecord {
        transitions = effective(transitions);
        places = List.copyOf(places);
        responses = List.copyOf(responses);
        vitals = List.copyOf(vitals);
        events = List.copyOf(events);
        flags = List.copyOf(flags);
        consents = List.copyOf(consents);
        medications = List.copyOf(medications);
    }

    /** Reads one appointment's record; the visit's parts only when the patient came. */
    static VisitRecord load(ExportDao dao, ExportDao.Appointment a) {
        if (a.visitId() == null) {
            return new VisitRecord(a, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of(), Optional.empty());
        }
        long v = a.visitId();
        List<Responded> responses = dao.responses(v).stream().map(r -> new Responded(r, dao.answers(r.id()))).toList();
        List<Flagged> flags = dao.flags(v).stream().map(f -> new Flagged(f, dao.flagEvents(f.id()))).toList();
        return new VisitRecord(a, dao.transitions(v), dao.places(v), responses, dao.vitals(v), dao.events(v), flags,
                dao.consents(v), dao.medications(v), dao.discharge(v));
    }

    /** Steps that were undone, and the undos themselves, are not part of what happened. */
    private static List<ExportDao.Transition> effective(List<ExportDao.Transition> all) {
        Set<Long> undone = new HashSet<>();
        for (ExportDao.Transition t : all) {
            if (t.undoOf() != null) {
                undone.add(t.undoOf());
            }
        }
        return all.stream().filter(t -> t.undoOf() == null && !undone.contains(t.id())).toList();
    }

    /** SHA-256 of the record's content (records print every component, in order; PDFs count by their hash). */
    String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The time the visit last entered a state, if it did. */
    Optional<java.time.Instant> enteredAt(clinic.kiosk.queue.VisitState state) {
        java.time.Instant at = null;
        for (ExportDao.Transition t : transitions) {
            if (t.toState() == state) {
                at = t.at();
            }
        }
        return Optional.ofNullable(at);
    }
}
