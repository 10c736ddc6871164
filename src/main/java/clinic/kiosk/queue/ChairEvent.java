package clinic.kiosk.queue;

import java.time.Instant;
import java.util.List;

/** Something that happened in the chair, a "stopped early", or a clinician's blood pressure override. */
public record ChairEvent(long id, long visitId, Instant at, String kind, String note, String staffName) {
    /** The in-chair events a nurse records (the export's AdverseEvent), in the order the form shows them. */
    public static final List<String> KINDS = List.of("emergence_reaction", "hypertension_treated", "vomiting",
            "low_spo2", "other");
}
