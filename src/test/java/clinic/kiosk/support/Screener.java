package clinic.kiosk.support;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers check-in steps as a patient with nothing to report would, reading each page as served: "No" where it
 * is offered (but "Yes" to an escort confirmed and the usual medicine taken), the first answer otherwise, 10 for
 * numbers of hours, nothing for optional text and checkboxes; consents are signed with a drawn PNG under the
 * name {@code typedName} (default Ana Rivera). Overrides give other answers by linkId.
 */
public final class Screener {
    private static final Pattern SCREEN = Pattern.compile("name=\"screen\" value=\"([^\"]+)\"");
    private static final Pattern OPTION = Pattern.compile("type=\"(radio|checkbox)\" id=\"[^\"]+\" name=\"q-([^\"]+)\" value=\"([^\"]+)\"");
    private static final Pattern TEXT = Pattern.compile("<(input|textarea) id=\"q-([^\"]+)\" name=\"q-[^\"]+\"( type=\"text\")?( inputmode=\"decimal\")?");
    private static final Set<String> YES_IS_SAFE = Set.of("escort-today", "bp-medicine-taken");
    private static final Pattern CONSENT = Pattern.compile("name=\"consent\" value=\"([^\"]+)\"");

    /** A drawn signature as a browser sends it: a PNG with a few thick strokes. */
    public static String signature() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(600, 200, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.BLACK);
        g.setStroke(new java.awt.BasicStroke(4));
        g.drawLine(40, 150, 200, 40);
        g.drawLine(200, 40, 300, 160);
        g.drawLine(300, 160, 520, 60);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private Screener() {}

    /**
     * A patient at the tablet: the start screen, "Check in", then names and date of birth (month, day, year);
     * returns the answer to the identification.
     */
    public static HttpResponse<String> identify(WebClient tablet, String first, String last, String month, String day,
                                                String year) {
        tablet.get("/kiosk");
        tablet.post("/kiosk/start", Map.of());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("firstName", first);
        form.put("lastName", last);
        form.put("dob-month", month);
        form.put("dob-day", day);
        form.put("dob-year", year);
        return tablet.post("/kiosk/identify", form);
    }

    /** The location a response redirects to, without scheme and host. */
    public static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("").replaceFirst("^http://[^/]+", "");
    }

    /**
     * Follows the check-in from {@code path} until it leaves the steps (the done page, the desk), answering every
     * screen; returns where it ended up.
     */
    public static String finish(WebClient client, String path, Map<String, String> overrides) {
        return until(client, path, overrides, null);
    }

    /** As {@link #finish}, stopping when the check-in reaches {@code stopAt} (a step's path). */
    public static String until(WebClient client, String path, Map<String, String> overrides, String stopAt) {
        String at = path;
        for (int i = 0; i < 200; i++) {
            if (!at.contains("/step/") || at.equals(stopAt)) {
                return at;
            }
            HttpResponse<String> page = client.get(at);
            if (page.statusCode() == 303) {
                at = location(page);
                continue;
            }
            String body = page.body();
            Map<String, String> form = new LinkedHashMap<>();
            Matcher consent = CONSENT.matcher(body);
            if (consent.find()) {
                form.put("consent", consent.group(1));
                form.put("agreed", "yes");
                form.put("typedName", overrides.getOrDefault("typedName", "Ana Rivera"));
                form.put("signature", signature());
                HttpResponse<String> signed = client.post(at, form);
                if (signed.statusCode() != 303) {
                    throw new AssertionError("the consent " + consent.group(1) + " was refused (" + signed.statusCode() + "): " + signed.body());
                }
                at = location(signed);
                continue;
            }
            Matcher screen = SCREEN.matcher(body);
            if (!screen.find()) {
                throw new AssertionError("not a question page: " + at);
            }
            form.put("screen", screen.group(1));
            Map<String, List<String>> options = new LinkedHashMap<>();
            Map<String, String> kinds = new LinkedHashMap<>();
            Matcher o = OPTION.matcher(body);
            while (o.find()) {
                options.computeIfAbsent(o.group(2), k -> new ArrayList<>()).add(o.group(3));
                kinds.put(o.group(2), o.group(1));
            }
            Set<String> texts = new LinkedHashSet<>();
            Matcher t = TEXT.matcher(body);
            while (t.find()) {
                texts.add(t.group(2));
                kinds.put(t.group(2), t.group(4) != null ? "number" : "text");
            }
            for (Map.Entry<String, String> k : kinds.entrySet()) {
                String id = k.getKey();
                String value;
                if (overrides.containsKey(id)) {
                    value = overrides.get(id);
                } else if (k.getValue().equals("radio")) {
                    List<String> opts = options.get(id);
                    value = YES_IS_SAFE.contains(id) && opts.contains("LA33-6") ? "LA33-6"
                            : opts.contains("LA32-8") ? "LA32-8" : opts.contains("false") ? "false" : opts.get(0);
                } else if (k.getValue().equals("number")) {
                    value = "10";
                } else {
                    value = "";
                }
                form.put("q-" + id, value);
            }
            HttpResponse<String> r = client.post(at, form);
            if (r.statusCode() != 303) {
                throw new AssertionError("the screen " + form.get("screen") + " was refused (" + r.statusCode() + "): " + r.body());
            }
            at = location(r);
        }
        throw new AssertionError("the check-in did not end");
    }
}
