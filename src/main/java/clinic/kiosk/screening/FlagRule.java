package clinic.kiosk.screening;

import java.util.List;
import java.util.Map;

/**
 * A flag rule from {@code flags.yaml}: when its condition holds for a visit, a flag of its tier is open. The
 * clinician's message may say more; the desk's never carries clinical detail ("Nurse needed now"). {@code ask}
 * names forms that become due in this check-in while the rule holds (PHQ-9 item 9 makes sure the C-SSRS is asked).
 * {@code highRisk}: a patient with this flag may not leave the record (left, cancelled) without a clinician's named
 * follow-up, even once it was cleared. {@code questions}: the answers the rule looks at ("form/linkId"), those
 * of the rules it names included, to show staff what the patient said and changed.
 */
public record FlagRule(String code, Tier tier, String clinician, String desk, boolean support, boolean highRisk,
                       List<String> ask, List<String> questions, Condition when) {
    public FlagRule {
        ask = List.copyOf(ask);
        questions = List.copyOf(questions);
    }

    FlagRule withQuestions(List<String> all) {
        return new FlagRule(code, tier, clinician, desk, support, highRisk, ask, all, when);
    }

    public enum Tier { BLOCK, ALERT, INFO }

    /** A condition over a visit's answers, scores, facts and history. */
    public interface Condition {
        /** Whether it holds, with any values its messages may show (such as when fasting will be met). */
        Match test(RuleContext context);
    }

    public record Match(boolean holds, Map<String, String> values) {
        static final Match NO = new Match(false, Map.of());
        static final Match YES = new Match(true, Map.of());
    }

    /** The clinician's message with {name} placeholders filled. */
    public String clinicianMessage(Map<String, String> values) {
        String m = clinician;
        for (Map.Entry<String, String> e : values.entrySet()) {
            m = m.replace("{" + e.getKey() + "}", e.getValue());
        }
        return m;
    }
}
