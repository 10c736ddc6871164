package clinic.kiosk.screening;

import clinic.kiosk.config.ConfigException;
import clinic.kiosk.config.ConfigLoader;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.config.KioskConfig.FormSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The screening configuration: the forms of {@code kiosk-config/forms/} and the rules of {@code flags.yaml}. */
public record Screening(Map<String, Questionnaire> forms, List<FlagRule> rules) {
    public static final String RULES_FILE = "flags.yaml";

    public Screening {
        forms = Map.copyOf(forms);
        rules = List.copyOf(rules);
    }

    /** Reads and checks every form named in kiosk.yaml and every rule; the first problem stops start-up. */
    public static Screening load(Path configDir, KioskConfig config) {
        Map<String, Questionnaire> forms = new LinkedHashMap<>();
        for (FormSettings settings : config.forms().values()) {
            Questionnaire form = QuestionnaireParser.parse(configDir.resolve("forms").resolve(settings.file()));
            if (settings.scored() && form.all().stream().noneMatch(i -> i.options().stream().anyMatch(o -> o.ordinal() != null))) {
                throw new ConfigException(configDir.resolve(ConfigLoader.FILE).toString(), "forms." + settings.id() + ".bands",
                        "form " + settings.file() + " has no answer with an ordinalValue to score");
            }
            forms.put(settings.id(), form);
        }
        Path rules = configDir.resolve(RULES_FILE);
        if (forms.isEmpty() && !Files.exists(rules)) {
            return new Screening(forms, List.of());
        }
        Screening screening = new Screening(forms, RuleParser.load(rules, forms, config.screening().thresholds()));
        screening.checkPolicy(configDir.resolve(ConfigLoader.FILE).toString(), config);
        return screening;
    }

    /** Every flag code and rule kiosk.yaml names exists in flags.yaml, with a tier that fits. */
    private void checkPolicy(String file, KioskConfig config) {
        List<String> nurse = config.screening().nurseMayClear();
        for (int i = 0; i < nurse.size(); i++) {
            String code = nurse.get(i);
            if (KioskConfig.CallThresholds.FLAG_CODES.contains(code)) {
                continue; // a vital sign past a stop-and-call threshold, raised in the chair
            }
            FlagRule rule = rule(code).orElseThrow(() -> new ConfigException(file, "screening.nurse_may_clear",
                    "names unknown flag rule '" + code + "' (" + RULES_FILE + " or " + String.join(", ",
                            KioskConfig.CallThresholds.FLAG_CODES) + ")"));
            if (rule.tier() == FlagRule.Tier.INFO) {
                throw new ConfigException(file, "screening.nurse_may_clear", "'" + code + "' is an info flag: nobody clears it");
            }
        }
        for (String q : config.chairCare().sheetAnswers()) {
            String[] parts = q.split("/", 2);
            // ConfigLoader checked that each names a form under forms as form/linkId.
            if (forms.get(parts[0]).item(parts[1]).filter(Questionnaire.Item::answerable).isEmpty()) {
                throw new ConfigException(file, "chair_care.sheet_answers", "'" + q + "' names no question of form " + parts[0]);
            }
        }
        for (FormSettings settings : config.forms().values()) {
            settings.riskLevel().ifPresent(risk -> risk.levels().forEach(level -> {
                if (rule(level.rule()).isEmpty()) {
                    throw new ConfigException(file, "forms." + settings.id() + ".risk_level.levels",
                            "names unknown flag rule '" + level.rule() + "' (" + RULES_FILE + ")");
                }
            }));
        }
    }

    public java.util.Optional<FlagRule> rule(String code) {
        return rules.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    public Questionnaire form(String id) {
        Questionnaire form = forms.get(id);
        if (form == null) {
            throw new IllegalArgumentException("no form " + id);
        }
        return form;
    }
}
