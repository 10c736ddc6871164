package clinic.kiosk.security;

import clinic.kiosk.app.App;
import clinic.kiosk.support.Screener;
import clinic.kiosk.support.TestApp;
import clinic.kiosk.support.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the router, asked as every kind of visitor: nobody, a forged session cookie, a session that has
 * ended, an enrolled kiosk tablet, lobby TV and desk board, and each staff role. What each may do is in
 * {@code security/routes.tsv}, which must list exactly the router's routes (a new route fails here until someone
 * decides who may use it). Every refusal is a 401, 403 or a trip to sign-in with an audit entry; nothing is a 500;
 * no GET changes anything; no POST is taken without its CSRF token.
 */
class AccessMatrixTest {
    private static TestApp app;
    private static Map<String, WebClient> visitors;
    private static Map<String, String> ids;
    private static final Set<String> STAFF = Set.of("admin", "desk", "nurse", "clinician");

    /** One line of routes.tsv. */
    record Access(String method, String path, String kind, Set<String> roles) {}

    /** A fresh server per test: one test's POSTs (a victim disabled, a device revoked) never meet another's. */
    @BeforeEach
    void start() {
        visitors = new LinkedHashMap<>();
        ids = new LinkedHashMap<>();
        app = TestApp.start();
        app.importSchedule("""
                A1,P1,Ana,Rivera,1985-03-14,2026-11-26T10:30,infusion,555-0101
                A2,P2,Tran,Nguyen,1968-01-09,2026-11-26T11:00,infusion,555-0104
                """);
        WebClient tablet = app.tablet("Tablet 1");
        Screener.identify(tablet, "Ana", "Rivera", "3", "14", "1985");
        visitors.put("anonymous", app.client());
        WebClient forged = app.client();
        forged.setCookie("kiosk_staff", "forged-session-value-000000000000");
        forged.setCookie("kiosk_device", "forged-device-value-000000000000");
        visitors.put("forged", forged);
        WebClient leaver = app.staff("leaver", "desk");
        String ended = leaver.cookie("kiosk_staff").orElseThrow();
        leaver.post("/signout", Map.of());
        WebClient stale = app.client();
        stale.setCookie("kiosk_staff", ended);
        visitors.put("ended-session", stale);
        visitors.put("kiosk", tablet);
        visitors.put("lobby", app.device("Lobby TV", "lobby"));
        visitors.put("board", app.device("Front board", "board"));
        visitors.put("admin", app.admin());
        visitors.put("desk", app.staff("dora", "desk"));
        visitors.put("nurse", app.staff("nina", "nurse"));
        visitors.put("clinician", app.staff("drlee", "clinician"));
        app.staff("victim", "desk");
        app.device("Spare tablet", "kiosk");
        String board = visitors.get("admin").get("/desk").body();
        ids.put("visit", first(board, "href=\"/desk/visits/(\\d+)\">Rivera, Ana"));
        ids.put("appointment", first(board, "id=\"card-(\\d+)\" aria-label=\"Nguyen, Tran\""));
        ids.put("staff", first(visitors.get("admin").get("/admin/staff").body(),
                "/admin/staff/(\\d+)/disable\" class=\"inline\">[^<]*<input[^>]*>\\s*<button[^>]*>[^<]*<span class=\"visually-hidden\">victim<"));
        ids.put("device", first(visitors.get("admin").get("/admin/devices").body(),
                "/admin/devices/(\\d+)/revoke\" class=\"inline\">[^<]*<input[^>]*>\\s*<button[^>]*>[^<]*<span class=\"visually-hidden\">Spare tablet<"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private static String first(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertTrue(m.find(), "fixture not found: " + regex);
        return m.group(1);
    }

    static List<Access> table() throws IOException {
        try (InputStream in = AccessMatrixTest.class.getResourceAsStream("/security/routes.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> {
                        String[] f = l.split("\t");
                        String[] access = f[2].split(" ");
                        Set<String> roles = access.length > 1 ? new TreeSet<>(Arrays.asList(access[1].split(","))) : Set.of();
                        return new Access(f[0], f[1], access[0], roles);
                    }).toList();
        }
    }

    /** A concrete path for a route: its ids those of the fixtures (a victim staff account and device). */
    private static String concrete(String path) {
        return path.replace("/admin/staff/{id}", "/admin/staff/" + ids.get("staff"))
                .replace("/admin/devices/{id}", "/admin/devices/" + ids.get("device"))
                .replace("/desk/appointments/{id}/{action}", "/desk/appointments/" + ids.get("appointment") + "/no-show")
                .replace("/desk/check-in/{id}", "/desk/check-in/" + ids.get("appointment"))
                .replace("/desk/visits/{id}", "/desk/visits/" + ids.get("visit"))
                .replace("/desk/places/{id}", "/desk/places/chair-1")
                .replace("{name}", "contact").replace("{decision}", "clear").replace("{entry}", "1").replace("{id}", "1");
    }

    private static boolean allowed(Access a, String visitor) {
        return switch (a.kind()) {
            case "public" -> true;
            case "staff", "staff-or-sign-in" -> a.roles().contains(visitor);
            case "kiosk" -> visitor.equals("kiosk");
            case "lobby", "lobby-stream" -> visitor.equals("lobby");
            case "board", "board-stream" -> visitor.equals("board") || STAFF.contains(visitor);
            default -> throw new IllegalArgumentException(a.kind());
        };
    }

    private static long denials() {
        return app.app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_event WHERE action = 'access.denied'").mapTo(Long.class).one());
    }

    /** What a GET may not change: the row counts of everything but the logs of who looked (audit, sessions). */
    private static Map<String, Long> state() {
        return app.app.database().jdbi().withHandle(h -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String t : List.of("patient", "appointment", "visit", "visit_transition", "response", "answer", "flag",
                    "flag_event", "consent_signature", "vital_sign", "discharge", "staff", "device",
                    "medication_administration", "chair_event")) { // not the nightly jobs' own records
                counts.put(t, h.createQuery("SELECT COUNT(*) FROM " + t).mapTo(Long.class).one());
            }
            counts.put("disabled staff", h.createQuery("SELECT COUNT(*) FROM staff WHERE disabled_at IS NOT NULL").mapTo(Long.class).one());
            counts.put("revoked devices", h.createQuery("SELECT COUNT(*) FROM device WHERE revoked_at IS NOT NULL").mapTo(Long.class).one());
            return counts;
        });
    }

    @Test
    void the_table_lists_exactly_the_routers_routes_with_the_routers_roles() throws IOException {
        Map<String, Set<String>> router = app.app.routes().stream().collect(Collectors.toMap(
                r -> r.method() + " " + r.path(), App.Route::roles, (x, y) -> x, java.util.TreeMap::new));
        Map<String, Access> listed = table().stream().collect(Collectors.toMap(a -> a.method() + " " + a.path(), a -> a,
                (x, y) -> x, java.util.TreeMap::new));
        Set<String> missing = new TreeSet<>(router.keySet());
        missing.removeAll(listed.keySet());
        Set<String> gone = new TreeSet<>(listed.keySet());
        gone.removeAll(router.keySet());
        assertEquals(Set.of(), missing, "routes the server has that routes.tsv does not decide on");
        assertEquals(Set.of(), gone, "routes.tsv lists routes the server no longer has");
        for (Access a : listed.values()) {
            if (a.kind().startsWith("staff")) {
                assertEquals(a.roles(), router.get(a.method() + " " + a.path()), a.method() + " " + a.path());
            } else {
                assertEquals(Set.of(), router.get(a.method() + " " + a.path()), "a route without staff roles: " + a.path());
            }
        }
    }

    @Test
    void every_route_as_every_visitor_is_let_in_or_refused_as_the_table_says_and_every_refusal_is_audited() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Access> routes = table().stream().filter(a -> !a.kind().endsWith("-stream"))
                // the GETs first, each checked to change nothing, then the POSTs; signing out comes last
                .sorted((x, y) -> Boolean.compare(x.method().equals("POST"), y.method().equals("POST"))).toList();
        for (Access a : routes) {
            if (a.path().equals("/signout")) {
                continue;
            }
            for (Map.Entry<String, WebClient> v : visitors.entrySet()) {
                String who = v.getKey();
                String path = concrete(a.path());
                Map<String, Long> before = a.method().equals("GET") ? state() : null;
                long denied = denials();
                HttpResponse<String> r = a.method().equals("GET") ? v.getValue().get(path) : v.getValue().post(path, Map.of());
                int status = r.statusCode();
                String location = r.headers().firstValue("Location").orElse("");
                String what = a.method() + " " + path + " as " + who + ": " + status + " " + location;
                if (status >= 500) {
                    problems.add(what + " (a server error)");
                    continue;
                }
                boolean signIn = status == 303 && location.endsWith("/desk");
                boolean refused = status == 401 || status == 403 || signIn
                        || a.kind().equals("staff-or-sign-in") && !STAFF.contains(who) && r.body().contains("name=\"password\"");
                if (allowed(a, who) == refused) {
                    problems.add(what + (refused ? " (refused, should be let in)" : " (let in, should be refused)"));
                }
                if (refused && !(a.kind().equals("staff-or-sign-in") && status == 200) && denials() != denied + 1) {
                    problems.add(what + " (refused without an audit entry)");
                }
                if (STAFF.contains(who) && !allowed(a, who) && a.kind().startsWith("staff") && status != 403) {
                    problems.add(what + " (another role should get 403)");
                }
                if (before != null && !before.equals(state())) {
                    problems.add(what + " (a GET changed something: " + before + " -> " + state() + ")");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void no_post_is_taken_without_the_forms_csrf_token_or_with_another_browsers() throws IOException {
        List<String> problems = new ArrayList<>();
        String othersToken = app.client().csrf();
        for (Access a : table()) {
            if (!a.method().equals("POST")) {
                continue;
            }
            String who = a.roles().isEmpty() ? (a.kind().equals("kiosk") ? "kiosk" : "anonymous") : a.roles().iterator().next();
            WebClient client = visitors.get(who);
            for (Map<String, String> form : List.of(Map.<String, String>of(), Map.of("_csrf", othersToken))) {
                Map<String, Long> before = state();
                HttpResponse<String> r = client.postRaw(concrete(a.path()), form);
                if (r.statusCode() != 403 || !r.body().contains("expired")) {
                    problems.add("POST " + a.path() + " as " + who + (form.isEmpty() ? " without a token" : " with another's token")
                            + ": " + r.statusCode());
                }
                if (!before.equals(state())) {
                    problems.add("POST " + a.path() + " changed something without its token");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The first line of a live stream, or null when it closed (or said nothing) within a few seconds. */
    private static String firstLine(String path, WebClient who) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path))).header("Accept", "text/event-stream");
        String cookies = Stream.of("kiosk_staff", "kiosk_device").flatMap(n -> who.cookie(n).map(v -> n + "=" + v).stream())
                .collect(Collectors.joining("; "));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> r = response.get(10, TimeUnit.SECONDS);
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> r.body().findFirst().orElse(null));
        try {
            return line.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } finally {
            line.cancel(true);
        }
    }

    @Test
    void the_live_streams_speak_only_to_their_screens() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Access a : table()) {
            if (!a.kind().endsWith("-stream")) {
                continue;
            }
            for (Map.Entry<String, WebClient> v : visitors.entrySet()) {
                String line = firstLine(a.path(), v.getValue());
                boolean heard = "event: hello".equals(line);
                if (heard != allowed(a, v.getKey())) {
                    problems.add(a.path() + " as " + v.getKey() + (heard ? " heard the stream" : " was not let in"));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void a_sessions_idle_limit_cannot_be_held_off_by_a_screens_background_refresh() {
        WebClient desk = app.staff("idler", "desk");
        for (int minutes : new int[] {5, 5, 4}) {
            app.clock.advance(Duration.ofMinutes(minutes));
            assertEquals(200, desk.send(HttpRequest.newBuilder(URI.create(app.url("/desk/board/columns")))
                    .header("X-Background", "1")).statusCode(), "the board keeps refreshing");
        }
        app.clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> after = desk.get("/desk/appointments");
        assertEquals(303, after.statusCode(), "16 minutes without a person's request: signed out, refreshes or not");
        assertEquals("/desk", Screener.location(after));
    }
}
