package clinic.kiosk.config;

import clinic.kiosk.config.KioskConfig.ChairCare;
import clinic.kiosk.config.KioskConfig.ExportSettings;
import clinic.kiosk.config.KioskConfig.Clinic;
import clinic.kiosk.config.KioskConfig.KioskSettings;
import clinic.kiosk.config.KioskConfig.OpeningHours;
import clinic.kiosk.config.KioskConfig.Place;
import clinic.kiosk.config.KioskConfig.PlaceKind;
import clinic.kiosk.config.KioskConfig.Band;
import clinic.kiosk.config.KioskConfig.FormSettings;
import clinic.kiosk.config.KioskConfig.Frequency;
import clinic.kiosk.config.KioskConfig.ScheduleSettings;
import clinic.kiosk.config.KioskConfig.ScreeningSettings;
import clinic.kiosk.config.KioskConfig.StaffSettings;
import clinic.kiosk.config.KioskConfig.VisitType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code kiosk.yaml} into {@link KioskConfig}, checking every value and cross-reference at start-up.
 * The first problem stops start-up with one line naming the file, the key and the problem.
 */
public final class ConfigLoader {
    public static final String FILE = "kiosk.yaml";

    /** Step kinds this version can run. Later capabilities add theirs here. */
    public static final Set<String> KNOWN_STEPS = Set.of("identify", "contact", "consents");
    /** A step {@code form:<id>} asks the form of that id (key forms). */
    public static final String FORM_STEP = "form:";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final String DEFAULT_ZONE = "America/New_York";

    private ConfigLoader() {}

    public static KioskConfig load(Path configDir) {
        Path file = configDir.resolve(FILE);
        String shown = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(shown, "", "file not found (set --config-dir or KIOSK_CONFIG_DIR)");
        }
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new ConfigException(shown, "", where + "not valid YAML (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ConfigException(shown, "", "cannot be read (" + e.getMessage() + ")");
        }
        return parse(new YamlNode(shown, "", tree));
    }

    static KioskConfig parse(YamlNode root) {
        root.onlyKeys(Set.of("clinic", "visit_types", "chairs", "rooms", "kiosk", "staff", "schedule", "forms", "screening",
                "chair_care", "medications", "discharge", "export", "backup", "security"));
        Clinic clinic = clinic(root.required("clinic"));
        List<Place> chairs = places(root.optional("chairs"), "chair");
        List<Place> rooms = places(root.optional("rooms"), "room");
        for (Place room : rooms) {
            if (chairs.stream().anyMatch(c -> c.id().equals(room.id()))) {
                throw root.required("rooms").problem("the room id '" + room.id() + "' is also a chair id");
            }
        }
        Map<String, FormSettings> forms = forms(root.optional("forms"));
        Map<String, VisitType> visitTypes = visitTypes(root.required("visit_types"), chairs, rooms, forms.keySet());
        ChairCare care = chairCare(root.optional("chair_care"));
        for (int i = 0; i < care.sheetAnswers().size(); i++) {
            String q = care.sheetAnswers().get(i);
            String formId = q.contains("/") ? q.substring(0, q.indexOf('/')) : "";
            if (!forms.containsKey(formId)) {
                throw root.required("chair_care").required("sheet_answers").list().get(i)
                        .problem("'" + q + "' is not form/linkId of a form under forms");
            }
        }
        Map<String, KioskConfig.Medication> medications = medications(root.optional("medications"));
        boolean chairVisits = visitTypes.values().stream().anyMatch(t -> t.place() == KioskConfig.PlaceKind.CHAIR);
        if (chairVisits && medications.values().stream().noneMatch(m -> m.kind() == KioskConfig.MedicationKind.INFUSION)) {
            throw root.problem("medications: a clinic with chairs needs one medication of kind infusion (the ketamine infusion)");
        }
        return new KioskConfig(clinic, visitTypes, chairs, rooms,
                kiosk(root.optional("kiosk")), staff(root.optional("staff")), schedule(root.optional("schedule")),
                forms, screening(root.optional("screening")), care, medications,
                discharge(root.optional("discharge")), export(root.optional("export")), backup(root.optional("backup")),
                security(root.optional("security")));
    }

    private static LocalTime clockTime(YamlNode n) {
        return n.parsed(t -> {
            if (!t.matches("\\d{2}:\\d{2}")) {
                throw new IllegalArgumentException(t);
            }
            return LocalTime.parse(t);
        }, "a time such as 02:30");
    }

    private static KioskConfig.BackupSettings backup(java.util.Optional<YamlNode> node) {
        YamlNode s = node.map(n -> n.onlyKeys(Set.of("time", "folder", "keep", "warn_after_hours"))).orElse(null);
        LocalTime at = s == null ? LocalTime.of(1, 30) : s.optional("time").map(ConfigLoader::clockTime).orElse(LocalTime.of(1, 30));
        String folder = s == null ? "backups/nightly" : s.optional("folder").map(YamlNode::text).orElse("backups/nightly");
        if (folder.isBlank()) {
            throw s.required("folder").problem("the backup folder must not be empty");
        }
        int keep = s == null ? 14 : s.optional("keep").map(n -> n.integer(1, 365)).orElse(14);
        int warn = s == null ? 26 : s.optional("warn_after_hours").map(n -> n.integer(1, 24 * 14)).orElse(26);
        return new KioskConfig.BackupSettings(at, folder, keep, Duration.ofHours(warn));
    }

    private static KioskConfig.SecuritySettings security(java.util.Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return new KioskConfig.SecuritySettings(java.util.Optional.empty(), java.util.Optional.empty());
        }
        YamlNode s = node.get().onlyKeys(Set.of("tls", "database_key_file"));
        java.util.Optional<KioskConfig.Tls> tls = s.optional("tls").map(t -> {
            t.onlyKeys(Set.of("keystore", "password_env", "https_port"));
            String keystore = t.required("keystore").text();
            String env = t.required("password_env").text();
            if (!env.matches("[A-Z][A-Z0-9_]*")) {
                throw t.required("password_env").problem("'" + env + "' is not an environment variable name such as KIOSK_TLS_PASSWORD");
            }
            int port = t.optional("https_port").map(n -> n.integer(0, 65535)).orElse(8443); // 0: any free port
            return new KioskConfig.Tls(keystore, env, port);
        });
        java.util.Optional<String> keyFile = s.optional("database_key_file").map(YamlNode::text);
        if (keyFile.isPresent() && !java.nio.file.Path.of(keyFile.get()).isAbsolute()) {
            throw s.required("database_key_file").problem("must be an absolute path, outside the data folder");
        }
        return new KioskConfig.SecuritySettings(tls, keyFile);
    }

    private static final java.util.regex.Pattern MEDICATION_ID = java.util.regex.Pattern.compile("[a-z0-9_-]+");

    /** The medication record's choices: each with its kind, dose (per kg or not), maximum, route and code. */
    private static Map<String, KioskConfig.Medication> medications(java.util.Optional<YamlNode> node) {
        Map<String, KioskConfig.Medication> out = new java.util.LinkedHashMap<>();
        if (node.isEmpty()) {
            return out;
        }
        node.get().entries().forEach((id, m) -> {
            if (!MEDICATION_ID.matcher(id).matches()) {
                throw m.problem("'" + id + "' is not a medication id (lower-case letters, digits, - and _)");
            }
            m.onlyKeys(Set.of("name", "code", "kind", "per_kg", "dose", "max_dose", "route", "over_minutes"));
            KioskConfig.MedicationKind kind = m.required("kind").parsed(
                    k -> KioskConfig.MedicationKind.valueOf(k.toUpperCase(Locale.ROOT)), "infusion or adjunct");
            if (kind == KioskConfig.MedicationKind.INFUSION && out.values().stream().anyMatch(o -> o.kind() == kind)) {
                throw m.required("kind").problem("only one medication can be the infusion");
            }
            java.math.BigDecimal dose = decimal(m.required("dose"));
            java.math.BigDecimal max = decimal(m.required("max_dose"));
            if (dose.signum() <= 0 || max.compareTo(dose) < 0) {
                throw m.required("max_dose").problem("the maximum dose must be at least the usual dose, and both above 0");
            }
            Integer over = m.optional("over_minutes").map(n -> n.integer(1, 600)).orElse(null);
            if (kind == KioskConfig.MedicationKind.INFUSION && over == null) {
                throw m.problem("the infusion needs over_minutes (how long it runs)");
            }
            out.put(id, new KioskConfig.Medication(id, m.required("name").text(), code(m.required("code")), kind,
                    m.optional("per_kg").map(YamlNode::bool).orElse(false), dose, max, m.required("route").text(), over));
        });
        return out;
    }

    private static java.math.BigDecimal decimal(YamlNode node) {
        return node.parsed(java.math.BigDecimal::new, "a number such as 0.5");
    }

    private static KioskConfig.DischargePolicy discharge(java.util.Optional<YamlNode> node) {
        YamlNode s = node.orElse(null);
        if (s != null) {
            s.onlyKeys(Set.of("min_observation_minutes", "limits", "instructions"));
        }
        YamlNode limits = s == null ? null : s.optional("limits").orElse(null);
        if (limits != null) {
            limits.onlyKeys(Set.of("systolic_below", "diastolic_below", "heart_rate_from", "heart_rate_to", "spo2_at_least",
                    "respiratory_rate_at_least"));
        }
        java.util.function.BiFunction<String, Integer, Integer> limit = (key, fallback) ->
                limits == null ? fallback : limits.optional(key).map(n -> n.integer(1, 300)).orElse(fallback);
        int observation = s == null ? 30 : s.optional("min_observation_minutes").map(n -> n.integer(0, 600)).orElse(30);
        if (limit.apply("heart_rate_from", 50) >= limit.apply("heart_rate_to", 110)) {
            throw limits.required("heart_rate_to").problem("must be above heart_rate_from");
        }
        if (limit.apply("spo2_at_least", 94) > 100) {
            throw limits.required("spo2_at_least").problem("an SpO2 is at most 100");
        }
        String instructions = s == null ? "discharge-instructions" : s.optional("instructions").map(YamlNode::text)
                .orElse("discharge-instructions");
        if (!ID.matcher(instructions).matches()) {
            throw s.required("instructions").problem("'" + instructions + "' is not a file name without .md (lower-case letters, digits, - and _)");
        }
        return new KioskConfig.DischargePolicy(Duration.ofMinutes(observation), limit.apply("systolic_below", 160),
                limit.apply("diastolic_below", 100), limit.apply("heart_rate_from", 50), limit.apply("heart_rate_to", 110),
                limit.apply("spo2_at_least", 94), limit.apply("respiratory_rate_at_least", 10), instructions);
    }

    private static Clinic clinic(YamlNode node) {
        node.onlyKeys(Set.of("name", "time_zone", "opening_hours"));
        String name = node.required("name").text();
        ZoneId zone = node.optional("time_zone")
                .map(z -> z.parsed(ZoneId::of, "a time zone such as America/New_York"))
                .orElse(ZoneId.of(DEFAULT_ZONE));
        Map<DayOfWeek, OpeningHours> hours = new EnumMap<>(DayOfWeek.class);
        node.optional("opening_hours").ifPresent(oh -> {
            Set<String> days = new HashSet<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                days.add(day.name().toLowerCase(Locale.ROOT));
            }
            oh.onlyKeys(days);
            oh.entries().forEach((dayName, value) -> {
                String text = value.text();
                if (!text.equalsIgnoreCase("closed")) {
                    hours.put(DayOfWeek.valueOf(dayName.toUpperCase(Locale.ROOT)), openingHours(value, text));
                }
            });
        });
        return new Clinic(name, zone, hours);
    }

    private static OpeningHours openingHours(YamlNode node, String text) {
        String[] parts = text.split("-");
        if (parts.length != 2) {
            throw node.problem("'" + text + "' is not opening hours such as 08:00-17:00, or closed");
        }
        try {
            LocalTime opens = LocalTime.parse(parts[0].strip());
            LocalTime closes = LocalTime.parse(parts[1].strip());
            return new OpeningHours(opens, closes);
        } catch (RuntimeException e) {
            throw node.problem("'" + text + "' is not opening hours such as 08:00-17:00 (opening before closing), or closed");
        }
    }

    private static List<Place> places(java.util.Optional<YamlNode> node, String kind) {
        List<Place> places = new ArrayList<>();
        if (node.isEmpty()) {
            return places;
        }
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (YamlNode item : node.get().list()) {
            item.onlyKeys(Set.of("id", "name"));
            YamlNode idNode = item.required("id");
            String id = idNode.text();
            if (!ID.matcher(id).matches()) {
                throw idNode.problem("'" + id + "' is not an id (lower-case letters, digits, - and _, starting with a letter)");
            }
            if (!ids.add(id)) {
                throw idNode.problem("the " + kind + " id '" + id + "' is used twice");
            }
            YamlNode nameNode = item.required("name");
            String name = nameNode.text();
            if (!names.add(name)) {
                throw nameNode.problem("the " + kind + " name '" + name + "' is used twice");
            }
            places.add(new Place(id, name));
        }
        return places;
    }

    private static Map<String, FormSettings> forms(java.util.Optional<YamlNode> node) {
        Map<String, FormSettings> forms = new LinkedHashMap<>();
        if (node.isEmpty()) {
            return forms;
        }
        node.get().entries().forEach((id, item) -> {
            if (!ID.matcher(id).matches()) {
                throw item.problem("'" + id + "' is not a form id (lower-case letters, digits, - and _)");
            }
            item.onlyKeys(Set.of("file", "frequency", "gates_chair", "total_code", "bands", "risk_level"));
            String file = item.required("file").text();
            if (file.contains("/") || file.contains("\\") || !file.endsWith(".json")) {
                throw item.required("file").problem("'" + file + "' must be a .json file name in forms/");
            }
            Frequency frequency = frequency(item.required("frequency"));
            boolean gates = item.optional("gates_chair").map(YamlNode::bool).orElse(false);
            List<Band> bands = new ArrayList<>();
            item.optional("bands").ifPresent(b -> {
                int previous = -1;
                for (YamlNode band : b.list()) {
                    band.onlyKeys(Set.of("up_to", "label"));
                    int upTo = band.required("up_to").integer(0, 1000);
                    if (upTo <= previous) {
                        throw band.required("up_to").problem("bands must go up: " + upTo + " follows " + previous);
                    }
                    previous = upTo;
                    bands.add(new Band(upTo, band.required("label").text()));
                }
            });
            String totalCode = item.optional("total_code").map(YamlNode::text).orElse(null);
            if (!bands.isEmpty() && totalCode == null) {
                throw item.problem("a scored form needs total_code (the LOINC code of its total)");
            }
            java.util.Optional<KioskConfig.RiskLevel> risk = item.optional("risk_level").map(ConfigLoader::riskLevel);
            forms.put(id, new FormSettings(id, file, frequency, gates, totalCode, bands, risk));
        });
        return forms;
    }

    /** A risk level's levels name flag rules; that they exist is checked with flags.yaml. */
    private static KioskConfig.RiskLevel riskLevel(YamlNode node) {
        node.onlyKeys(Set.of("code", "display", "levels", "none"));
        List<KioskConfig.Level> levels = new ArrayList<>();
        for (YamlNode level : node.required("levels").list()) {
            level.onlyKeys(Set.of("rule", "answer", "label"));
            levels.add(new KioskConfig.Level(level.required("rule").text(),
                    level.optional("answer").map(ConfigLoader::code).orElse(null), level.required("label").text()));
        }
        if (levels.isEmpty()) {
            throw node.required("levels").problem("a risk level needs at least one level");
        }
        return new KioskConfig.RiskLevel(code(node.required("code")), node.required("display").text(), levels,
                node.required("none").text());
    }

    private static KioskConfig.Code code(YamlNode node) {
        String[] parts = node.text().split("\\|", 2);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw node.problem("'" + node.text() + "' is not system|code (for example http://loinc.org|93374-7)");
        }
        return new KioskConfig.Code(parts[0], parts[1]);
    }

    private static Frequency frequency(YamlNode node) {
        if (node.isMap()) {
            node.onlyKeys(Set.of("every_days"));
            return new Frequency("every_days", node.required("every_days").integer(1, 3650));
        }
        String text = node.text();
        return switch (text) {
            case "every_visit" -> Frequency.EVERY_VISIT;
            case "once_per_course" -> Frequency.ONCE_PER_COURSE;
            default -> throw node.problem("'" + text + "' is not a frequency (every_visit, once_per_course, or every_days: N)");
        };
    }

    /** The staff roles that do clinical work. */
    public static final Set<String> CLINICAL_ROLES = Set.of("nurse", "clinician");

    private static ScreeningSettings screening(java.util.Optional<YamlNode> node) {
        Map<String, Integer> defaults = new LinkedHashMap<>();
        defaults.put("fasting_solid_hours", 6);
        defaults.put("fasting_liquid_hours", 2);
        defaults.put("benzodiazepine_lamotrigine_hours", 12);
        defaults.put("last_infusion_hours", 48);
        if (node.isEmpty()) {
            return new ScreeningSettings(List.of(), Duration.ofMinutes(10), defaults);
        }
        YamlNode s = node.get().onlyKeys(Set.of("nurse_may_clear", "escalate_after_minutes", "thresholds"));
        // Flag codes; that each names a block or alert rule of flags.yaml is checked when the rules are read.
        List<String> nurse = new ArrayList<>();
        s.optional("nurse_may_clear").ifPresent(r -> r.list().forEach(code -> nurse.add(code.text())));
        int escalate = s.optional("escalate_after_minutes").map(n -> n.integer(1, 240)).orElse(10);
        Map<String, Integer> thresholds = new LinkedHashMap<>(defaults);
        s.optional("thresholds").ifPresent(t -> t.entries().forEach((name, value) -> {
            if (!ID.matcher(name).matches()) {
                throw value.problem("'" + name + "' is not a threshold name");
            }
            thresholds.put(name, value.integer(0, 10_000));
        }));
        return new ScreeningSettings(nurse, Duration.ofMinutes(escalate), thresholds);
    }

    private static Map<String, VisitType> visitTypes(YamlNode node, List<Place> chairs, List<Place> rooms, Set<String> forms) {
        Map<String, VisitType> types = new LinkedHashMap<>();
        Map<String, YamlNode> entries = node.entries();
        if (entries.isEmpty()) {
            throw node.problem("at least one visit type is required");
        }
        entries.forEach((id, item) -> {
            if (!ID.matcher(id).matches()) {
                throw item.problem("'" + id + "' is not a visit type id (lower-case letters, digits, - and _)");
            }
            item.onlyKeys(Set.of("label", "steps", "escort_required", "place", "duration_minutes"));
            String label = item.required("label").text();
            List<String> steps = steps(item.required("steps"), forms);
            boolean escort = item.optional("escort_required").map(YamlNode::bool).orElse(false);
            YamlNode placeNode = item.required("place");
            String placeText = placeNode.text();
            PlaceKind place = switch (placeText) {
                case "chair" -> PlaceKind.CHAIR;
                case "room" -> PlaceKind.ROOM;
                default -> throw placeNode.problem("'" + placeText + "' is not a place (chair or room)");
            };
            if (place == PlaceKind.CHAIR && chairs.isEmpty()) {
                throw placeNode.problem("visit type '" + id + "' uses a chair, but no chairs are configured (key chairs)");
            }
            if (place == PlaceKind.ROOM && rooms.isEmpty()) {
                throw placeNode.problem("visit type '" + id + "' uses a room, but no rooms are configured (key rooms)");
            }
            int minutes = item.required("duration_minutes").integer(5, 600);
            types.put(id, new VisitType(id, label, steps, escort, place, Duration.ofMinutes(minutes)));
        });
        return types;
    }

    private static List<String> steps(YamlNode node, Set<String> forms) {
        List<String> steps = new ArrayList<>();
        for (YamlNode item : node.list()) {
            String step = item.text();
            if (step.startsWith(FORM_STEP)) {
                String form = step.substring(FORM_STEP.length());
                if (!forms.contains(form)) {
                    throw item.problem("step '" + step + "' names form '" + form + "', which is not under forms");
                }
            } else if (!KNOWN_STEPS.contains(step)) {
                throw item.problem("unknown step '" + step + "' (known: " + String.join(", ", KNOWN_STEPS.stream().sorted().toList()) + ")");
            }
            if (steps.contains(step)) {
                throw item.problem("step '" + step + "' is listed twice");
            }
            steps.add(step);
        }
        if (steps.isEmpty() || !steps.get(0).equals("identify")) {
            throw node.problem("the first step must be identify: a patient is identified before anything else");
        }
        return steps;
    }

    private static KioskSettings kiosk(java.util.Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return new KioskSettings(Duration.ofSeconds(90), Duration.ofSeconds(300), false, true);
        }
        YamlNode k = node.get().onlyKeys(Set.of("idle_timeout_seconds", "reading_idle_timeout_seconds", "walk_ins", "require_enrollment"));
        int idle = k.optional("idle_timeout_seconds").map(n -> n.integer(10, 3600)).orElse(90);
        int reading = k.optional("reading_idle_timeout_seconds").map(n -> n.integer(10, 3600)).orElse(300);
        boolean walkIns = k.optional("walk_ins").map(YamlNode::bool).orElse(false);
        boolean enrollment = k.optional("require_enrollment").map(YamlNode::bool).orElse(true);
        return new KioskSettings(Duration.ofSeconds(idle), Duration.ofSeconds(reading), walkIns, enrollment);
    }

    private static final java.util.regex.Pattern PRESSURE = java.util.regex.Pattern.compile("(\\d{2,3})/(\\d{2,3})");

    private static ChairCare chairCare(java.util.Optional<YamlNode> node) {
        YamlNode s = node.orElse(null);
        if (s != null) {
            s.onlyKeys(Set.of("preparation_minutes", "infusion_minutes", "recovery_minutes", "cleaning_minutes",
                    "vitals_every_minutes", "recovery_vitals_every_minutes", "vitals_late_after_minutes",
                    "hold_blood_pressure", "undo_minutes", "roles", "override_roles", "call_thresholds", "sheet_answers"));
        }
        java.util.function.BiFunction<String, Integer, Duration> minutes = (key, fallback) -> Duration.ofMinutes(
                s == null ? fallback : s.optional(key).map(n -> n.integer(0, 600)).orElse(fallback));
        int systolic = 140;
        int diastolic = 90;
        if (s != null && s.has("hold_blood_pressure")) {
            YamlNode bp = s.required("hold_blood_pressure");
            java.util.regex.Matcher m = PRESSURE.matcher(bp.text());
            if (!m.matches() || Integer.parseInt(m.group(1)) <= Integer.parseInt(m.group(2))) {
                throw bp.problem("'" + bp.text() + "' is not a blood pressure such as 140/90 (systolic/diastolic)");
            }
            systolic = Integer.parseInt(m.group(1));
            diastolic = Integer.parseInt(m.group(2));
        }
        List<String> roles = clinicalRoles(s, "roles", List.of("nurse", "clinician"));
        List<String> overrideRoles = clinicalRoles(s, "override_roles", List.of("clinician"));
        Duration vitals = minutes.apply("vitals_every_minutes", 10);
        Duration recoveryVitals = minutes.apply("recovery_vitals_every_minutes", 15);
        for (String key : List.of("vitals_every_minutes", "recovery_vitals_every_minutes")) {
            if (minutes.apply(key, 10).isZero()) {
                throw s.required(key).problem("vitals must be due at least every minute (1 or more)");
            }
        }
        List<String> sheetAnswers = new ArrayList<>();
        if (s != null) {
            s.optional("sheet_answers").ifPresent(a -> a.list().forEach(q -> sheetAnswers.add(q.text())));
        }
        return new ChairCare(minutes.apply("preparation_minutes", 10), minutes.apply("infusion_minutes", 40),
                minutes.apply("recovery_minutes", 20), minutes.apply("cleaning_minutes", 5), vitals, recoveryVitals,
                minutes.apply("vitals_late_after_minutes", 5), systolic, diastolic, minutes.apply("undo_minutes", 5),
                roles, overrideRoles, callThresholds(s == null ? null : s.optional("call_thresholds").orElse(null)),
                sheetAnswers);
    }

    /** Stop-and-call thresholds; the defaults are common ketamine protocols' (180/110, HR 50-120, SpO2 92, RR 10, RASS -4). */
    private static KioskConfig.CallThresholds callThresholds(YamlNode t) {
        if (t != null) {
            t.onlyKeys(Set.of("systolic_at_or_above", "diastolic_at_or_above", "heart_rate_above", "heart_rate_below",
                    "spo2_below", "respiratory_rate_below", "sedation_at_or_below"));
        }
        java.util.function.BiFunction<String, Integer, Integer> value = (key, fallback) ->
                t == null ? fallback : t.optional(key).map(n -> n.integer(1, 300)).orElse(fallback);
        int sedation = t == null ? -4 : t.optional("sedation_at_or_below").map(n -> n.integer(-5, 4)).orElse(-4);
        return new KioskConfig.CallThresholds(value.apply("systolic_at_or_above", 180), value.apply("diastolic_at_or_above", 110),
                value.apply("heart_rate_above", 120), value.apply("heart_rate_below", 50), value.apply("spo2_below", 92),
                value.apply("respiratory_rate_below", 10), sedation);
    }

    /** Roles that may do clinical work: a nurse or a clinician (prescriber), never an admin or desk account. */
    private static List<String> clinicalRoles(YamlNode s, String key, List<String> fallback) {
        List<String> roles = new ArrayList<>();
        if (s != null) {
            s.optional(key).ifPresent(r -> {
                for (YamlNode role : r.list()) {
                    if (!CLINICAL_ROLES.contains(role.text())) {
                        throw role.problem("'" + role.text() + "' is not a clinical role (nurse, clinician)");
                    }
                    roles.add(role.text());
                }
            });
        }
        return roles.isEmpty() ? fallback : roles;
    }

    private static ExportSettings export(java.util.Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return new ExportSettings(LocalTime.of(2, 30), "export", Duration.ofMinutes(15), java.util.Optional.empty(), 90);
        }
        YamlNode s = node.get().onlyKeys(Set.of("time", "folder", "retry_minutes", "collected_after_days",
                "purge_after_days"));
        LocalTime at = s.optional("time").map(n -> n.parsed(t -> {
            if (!t.matches("\\d{2}:\\d{2}")) {
                throw new IllegalArgumentException(t);
            }
            return LocalTime.parse(t);
        }, "a time such as 02:30")).orElse(LocalTime.of(2, 30));
        String folder = s.optional("folder").map(YamlNode::text).orElse("export");
        if (folder.isBlank()) {
            throw s.required("folder").problem("the drop folder must not be empty");
        }
        int retry = s.optional("retry_minutes").map(n -> n.integer(1, 1440)).orElse(15);
        java.util.Optional<Integer> collected = s.optional("collected_after_days").map(n -> n.integer(0, 3650));
        int purge = s.optional("purge_after_days").map(n -> n.integer(1, 3650)).orElse(90);
        return new ExportSettings(at, folder, Duration.ofMinutes(retry), collected, purge);
    }

    private static StaffSettings staff(java.util.Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return new StaffSettings(Duration.ofMinutes(15), Duration.ofHours(12), 600_000);
        }
        YamlNode s = node.get().onlyKeys(Set.of("session_idle_minutes", "session_max_hours", "password_iterations"));
        int idle = s.optional("session_idle_minutes").map(n -> n.integer(1, 24 * 60)).orElse(15);
        int max = s.optional("session_max_hours").map(n -> n.integer(1, 24)).orElse(12);
        int iterations = s.optional("password_iterations").map(n -> n.integer(1_000, 10_000_000)).orElse(600_000);
        return new StaffSettings(Duration.ofMinutes(idle), Duration.ofHours(max), iterations);
    }

    private static ScheduleSettings schedule(java.util.Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return new ScheduleSettings(Duration.ofSeconds(5), Duration.ofMinutes(15));
        }
        YamlNode s = node.get().onlyKeys(Set.of("inbox_poll_seconds", "late_grace_minutes"));
        int poll = s.optional("inbox_poll_seconds").map(n -> n.integer(1, 3600)).orElse(5);
        int grace = s.optional("late_grace_minutes").map(n -> n.integer(0, 240)).orElse(15);
        return new ScheduleSettings(Duration.ofSeconds(poll), Duration.ofMinutes(grace));
    }
}
