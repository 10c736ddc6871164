package clinic.kiosk.screening;

import java.time.Instant;

/**
 * One answer the patient gave at a visit, current or replaced: what the visit page shows beside a flag whose answers
 * changed, so a clinician sees both answers and when each was given.
 */
public record AnswerHistory(String formId, String linkId, String question, String answer, Instant answeredAt,
                            Instant replacedAt) {}
