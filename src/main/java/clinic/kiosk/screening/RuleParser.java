package clinic.kiosk.screening;

import clinic.kiosk.config.ConfigException;
import clinic.kiosk.config.YamlNode;
import clinic.kiosk.screening.FlagRule.Condition;
import clinic.kiosk.screening.FlagRule.Match;
import clinic.kiosk.screening.FlagRule.Tier;
import clinic.kiosk.screening.Questionnaire.Item;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code flags.yaml}. A condition is one of:
 * <ul>
 *   <li>{@code answer: "form/linkId OP value"} with OP {@code = != > < >= <= in exists missing}; for a choice the
 *       value is an answer code (and {@code > <} compare the option's score); {@code in} takes codes separated by
 *       commas; for checkboxes {@code =} means "among the answers";</li>
 *   <li>{@code score: "form OP number"}: the form's total;</li>
 *   <li>{@code hours_below: {answer: form/linkId, threshold: name}}: an answer in hours is below a threshold
 *       (fasting, a recent dose), with {@code {meets_at}} for the message;</li>
 *   <li>{@code visit: no_escort}; {@code last_infusion_within: threshold}; {@code rule: code} (another rule);</li>
 *   <li>{@code all: [...]}, {@code any: [...]}, {@code not: {...}}.</li>
 * </ul>
 * Every form, question, answer code, threshold and rule named is checked at start-up.
 */
final class RuleParser {
    private static final Pattern ANSWER = Pattern.compile("([a-z0-9_-]+)/(\\S+)\\s+(=|!=|>=|<=|>|<|in|exists|missing)\\s*(.*)");
    private static final Pattern SCORE = Pattern.compile("([a-z0-9_-]+)\\s+(=|!=|>=|<=|>|<)\\s*(-?\\d+)");
    private static final Set<String> RULE_KEYS = Set.of("code", "tier", "clinician", "desk", "support", "high_risk",
            "ask", "when");

    private final Map<String, Questionnaire> forms;
    private final Map<String, Integer> thresholds;
    private final Map<String, FlagRule> rules = new LinkedHashMap<>();
    private final List<String[]> references = new ArrayList<>();
    /** Per rule, the questions ("form/linkId") and rules ("rule:code") its condition names. */
    private final Map<String, java.util.LinkedHashSet<String>> names = new LinkedHashMap<>();
    private java.util.LinkedHashSet<String> naming;

    private RuleParser(Map<String, Questionnaire> forms, Map<String, Integer> thresholds) {
        this.forms = forms;
        this.thresholds = thresholds;
    }

    static List<FlagRule> load(Path file, Map<String, Questionnaire> forms, Map<String, Integer> thresholds) {
        String shown = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(shown, "", "file not found");
        }
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(shown, "", "not valid YAML (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ConfigException(shown, "", "cannot be read (" + e.getMessage() + ")");
        }
        RuleParser parser = new RuleParser(forms, thresholds);
        YamlNode root = new YamlNode(shown, "", tree);
        for (YamlNode item : root.required("rules").list()) {
            parser.rule(item);
        }
        for (String[] ref : parser.references) {
            if (!parser.rules.containsKey(ref[0])) {
                throw new ConfigException(shown, ref[1], "names unknown rule '" + ref[0] + "'");
            }
        }
        List<FlagRule> all = new ArrayList<>();
        for (FlagRule rule : parser.rules.values()) {
            all.add(rule.withQuestions(parser.questions(rule.code(), new java.util.HashSet<>())));
        }
        return List.copyOf(all);
    }

    /** The questions a rule looks at, through the rules it names. */
    private List<String> questions(String code, Set<String> seen) {
        List<String> out = new ArrayList<>();
        if (!seen.add(code)) {
            return out;
        }
        for (String name : names.getOrDefault(code, new java.util.LinkedHashSet<>())) {
            if (name.startsWith("rule:")) {
                questions(name.substring(5), seen).stream().filter(q -> !out.contains(q)).forEach(out::add);
            } else if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    private void rule(YamlNode node) {
        node.onlyKeys(RULE_KEYS);
        String code = node.required("code").text();
        if (rules.containsKey(code)) {
            throw node.required("code").problem("rule code '" + code + "' is used twice");
        }
        YamlNode tierNode = node.required("tier");
        Tier tier = tierNode.parsed(t -> Tier.valueOf(t.toUpperCase(Locale.ROOT)), "a tier (block, alert, info)");
        String clinician = node.required("clinician").text();
        String desk = node.required("desk").text();
        boolean support = node.optional("support").map(YamlNode::bool).orElse(false);
        boolean highRisk = node.optional("high_risk").map(YamlNode::bool).orElse(false);
        List<String> ask = new ArrayList<>();
        node.optional("ask").ifPresent(a -> {
            for (YamlNode form : a.list()) {
                if (!forms.containsKey(form.text())) {
                    throw form.problem("names unknown form '" + form.text() + "'");
                }
                ask.add(form.text());
            }
        });
        if (desk.length() > 100) {
            throw node.required("desk").problem("the desk's message must be short (100 characters at most)");
        }
        naming = new java.util.LinkedHashSet<>();
        names.put(code, naming);
        Condition when = condition(node.required("when"));
        rules.put(code, new FlagRule(code, tier, clinician, desk, support, highRisk, ask, List.of(), when));
    }

    private Condition condition(YamlNode node) {
        Map<String, YamlNode> entries = node.entries();
        if (entries.size() != 1) {
            throw node.problem("a condition has exactly one key (answer, score, hours_below, visit, last_infusion_within, rule, all, any, not)");
        }
        Map.Entry<String, YamlNode> e = entries.entrySet().iterator().next();
        YamlNode v = e.getValue();
        return switch (e.getKey()) {
            case "answer" -> answer(v);
            case "score" -> score(v);
            case "hours_below" -> hoursBelow(v);
            case "visit" -> {
                if (!v.text().equals("no_escort")) {
                    throw v.problem("'" + v.text() + "' is not a visit fact (no_escort)");
                }
                yield c -> c.noEscort() ? Match.YES : Match.NO;
            }
            case "last_infusion_within" -> {
                int hours = threshold(v);
                yield c -> c.lastInfusion().filter(t -> Duration.between(t, c.now()).toMinutes() < hours * 60L)
                        .map(t -> Match.YES).orElse(Match.NO);
            }
            case "rule" -> {
                String code = v.text();
                references.add(new String[] {code, v.path()});
                naming.add("rule:" + code);
                yield c -> rules.get(code).when().test(c);
            }
            case "all", "any" -> {
                List<Condition> parts = new ArrayList<>();
                for (YamlNode part : v.list()) {
                    parts.add(condition(part));
                }
                boolean all = e.getKey().equals("all");
                yield c -> {
                    Map<String, String> values = new HashMap<>();
                    boolean result = all;
                    for (Condition part : parts) {
                        Match m = part.test(c);
                        if (m.holds()) {
                            values.putAll(m.values());
                        }
                        result = all ? result && m.holds() : result || m.holds();
                    }
                    return result ? new Match(true, values) : Match.NO;
                };
            }
            case "not" -> {
                Condition inner = condition(v);
                yield c -> inner.test(c).holds() ? Match.NO : Match.YES;
            }
            default -> throw v.problem("'" + e.getKey() + "' is not a condition");
        };
    }

    private int threshold(YamlNode v) {
        String name = v.text();
        Integer hours = thresholds.get(name);
        if (hours == null) {
            throw v.problem("unknown threshold '" + name + "' (kiosk.yaml screening.thresholds)");
        }
        return hours;
    }

    private Item item(YamlNode v, String formId, String linkId) {
        Questionnaire form = forms.get(formId);
        if (form == null) {
            throw v.problem("names unknown form '" + formId + "'");
        }
        return form.item(linkId).filter(Item::answerable)
                .orElseThrow(() -> v.problem("names unknown question '" + linkId + "' of form " + formId));
    }

    private Condition answer(YamlNode v) {
        Matcher m = ANSWER.matcher(v.text());
        if (!m.matches()) {
            throw v.problem("'" + v.text() + "' is not form/linkId OP value");
        }
        String formId = m.group(1);
        String linkId = m.group(2);
        String op = m.group(3);
        String value = m.group(4).strip();
        Item item = item(v, formId, linkId);
        naming.add(formId + "/" + linkId);
        if (op.equals("exists") || op.equals("missing")) {
            boolean want = op.equals("exists");
            return c -> c.form(formId).map(a -> !a.of(linkId).isEmpty() == want).orElse(!want) ? Match.YES : Match.NO;
        }
        if (item.type() == Questionnaire.Type.CHOICE) {
            if (Set.of(">", "<", ">=", "<=").contains(op)) {
                BigDecimal number = number(v, value);
                if (item.options().stream().anyMatch(o -> o.ordinal() == null)) {
                    throw v.problem("'" + linkId + "' has options without a score: compare codes with = or in");
                }
                return c -> c.form(formId).flatMap(a -> a.ordinal(linkId))
                        .map(o -> compare(o.compareTo(number), op)).orElse(false) ? Match.YES : Match.NO;
            }
            List<String> codes = op.equals("in") ? List.of(value.split("\\s*,\\s*")) : List.of(value);
            for (String code : codes) {
                if (item.option(code).isEmpty()) {
                    throw v.problem("names answer code '" + code + "', which '" + linkId + "' does not offer");
                }
            }
            boolean negate = op.equals("!=");
            return c -> {
                List<Value> answers = c.form(formId).map(a -> a.of(linkId)).orElse(List.of());
                if (answers.isEmpty()) {
                    return Match.NO;
                }
                boolean among = answers.stream().anyMatch(a -> codes.contains(a.code()));
                return among != negate ? Match.YES : Match.NO;
            };
        }
        if (item.type() == Questionnaire.Type.BOOLEAN) {
            boolean want = Boolean.parseBoolean(value);
            return c -> c.form(formId).map(a -> a.of(linkId)).filter(l -> !l.isEmpty())
                    .map(l -> l.get(0).bool() == want == op.equals("=")).orElse(false) ? Match.YES : Match.NO;
        }
        if (item.type() == Questionnaire.Type.INTEGER || item.type() == Questionnaire.Type.DECIMAL) {
            BigDecimal number = number(v, value);
            return c -> c.form(formId).map(a -> a.of(linkId)).filter(l -> !l.isEmpty())
                    .map(l -> compare(l.get(0).number().compareTo(number), op)).orElse(false) ? Match.YES : Match.NO;
        }
        throw v.problem("'" + linkId + "' is a " + item.type().name().toLowerCase(Locale.ROOT) + " question: only exists or missing apply");
    }

    private Condition score(YamlNode v) {
        Matcher m = SCORE.matcher(v.text());
        if (!m.matches()) {
            throw v.problem("'" + v.text() + "' is not form OP number");
        }
        String formId = m.group(1);
        if (!forms.containsKey(formId)) {
            throw v.problem("names unknown form '" + formId + "'");
        }
        String op = m.group(2);
        int n = Integer.parseInt(m.group(3));
        return c -> c.form(formId).filter(Answers::complete).flatMap(Answers::total)
                .map(t -> compare(Integer.compare(t, n), op)).orElse(false) ? Match.YES : Match.NO;
    }

    private Condition hoursBelow(YamlNode v) {
        v.onlyKeys(Set.of("answer", "threshold"));
        YamlNode ref = v.required("answer");
        String[] parts = ref.text().split("/", 2);
        if (parts.length != 2) {
            throw ref.problem("'" + ref.text() + "' is not form/linkId");
        }
        Item item = item(ref, parts[0], parts[1]);
        naming.add(parts[0] + "/" + parts[1]);
        if (item.type() != Questionnaire.Type.INTEGER && item.type() != Questionnaire.Type.DECIMAL) {
            throw ref.problem("'" + parts[1] + "' must be a number of hours");
        }
        int hours = threshold(v.required("threshold"));
        return c -> {
            Answers a = c.form(parts[0]).orElse(null);
            if (a == null || a.of(parts[1]).isEmpty()) {
                return Match.NO;
            }
            BigDecimal given = a.of(parts[1]).get(0).number();
            if (given.compareTo(BigDecimal.valueOf(hours)) >= 0) {
                return Match.NO;
            }
            Instant answered = a.answeredAt(parts[1]).orElse(c.now());
            long minutesLeft = BigDecimal.valueOf(hours).subtract(given).multiply(BigDecimal.valueOf(60)).longValue();
            Instant meets = answered.plus(Duration.ofMinutes(minutesLeft));
            return new Match(true, Map.of("meets_at", c.showTime().apply(meets), "hours", given.stripTrailingZeros().toPlainString()));
        };
    }

    private static BigDecimal number(YamlNode v, String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw v.problem("'" + text + "' is not a number");
        }
    }

    private static boolean compare(int c, String op) {
        return switch (op) {
            case "=" -> c == 0;
            case "!=" -> c != 0;
            case ">" -> c > 0;
            case "<" -> c < 0;
            case ">=" -> c >= 0;
            case "<=" -> c <= 0;
            default -> false;
        };
    }
}
