package clinic.kiosk.audit;

import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.web.Pages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The admin's view of the audit log: the newest entries, or those of a day, a staff member, a patient (by id, name
 * or main-records id) and an action; and a check of the whole chain naming the first broken entry. Looking is
 * audited too (the filters used, never the name typed).
 */
public final class AuditController {
    private static final int SHOWN = 200;

    private final AuditLog audit;
    private final RouteRole[] roles;
    private final ClinicTime time;
    private final Function<String, List<Long>> patientsNamed;

    public AuditController(AuditLog audit, ClinicTime time, Function<String, List<Long>> patientsNamed, RouteRole... roles) {
        this.audit = audit;
        this.roles = roles.clone();
        this.time = time;
        this.patientsNamed = patientsNamed;
    }

    public void routes(JavalinConfig config) {
        config.routes.get("/admin/audit", this::page, roles);
    }

    public record Row(long seq, String at, String actor, String action, Long patientId, String subject, String remote) {}

    public record AuditPage(List<Row> rows, long checked, boolean intact, String problem, Row broken, String date,
                            String who, String patient, String action, List<String> staff, List<String> actions,
                            boolean filtered, String dateError) {}

    private void page(Context ctx) {
        String date = param(ctx, "date", 10);
        String who = param(ctx, "who", 32);
        String patient = param(ctx, "patient", 100);
        String action = param(ctx, "action", 64);
        String dateError = null;
        Instant from = Instant.EPOCH;
        Instant to = Instant.parse("9999-12-31T00:00:00Z");
        if (!date.isEmpty()) {
            try {
                LocalDate day = LocalDate.parse(date);
                from = time.startOf(day);
                to = time.endOf(day);
            } catch (DateTimeParseException e) {
                dateError = "audit.error.date";
            }
        }
        Optional<List<Long>> patients = Optional.empty();
        if (!patient.isEmpty()) {
            patients = Optional.of(patient.matches("\\d{1,18}") ? List.of(Long.parseLong(patient)) : patientsNamed.apply(patient));
        }
        boolean filtered = !date.isEmpty() || !who.isEmpty() || !patient.isEmpty() || !action.isEmpty();
        audit.record(AuditLog.Event.of(Pages.actor(ctx), "audit.view", filtered
                ? "filtered by" + (date.isEmpty() ? "" : " date " + date) + (who.isEmpty() ? "" : " staff " + who)
                  + (patient.isEmpty() ? "" : " patient") + (action.isEmpty() ? "" : " action " + action)
                : "newest " + SHOWN + " entries", Pages.remote(ctx)));
        AuditLog.Verification verification = audit.verify();
        List<AuditEntry> entries = dateError != null || (patients.isPresent() && patients.get().isEmpty()) ? List.of()
                : filtered ? audit.search(new AuditLog.Filter(from, to, who, patients, action), SHOWN) : audit.newest(SHOWN);
        Row broken = verification.intact() ? null : audit.entry(verification.checked() + 1).map(this::row).orElse(null);
        TreeSet<String> actions = new TreeSet<>();
        for (String a : audit.actions()) {
            actions.add(a);
            actions.add(a.substring(0, a.indexOf('.') < 0 ? a.length() : a.indexOf('.')));
        }
        Pages.render(ctx, "audit/list", new AuditPage(entries.stream().map(this::row).toList(), verification.checked(),
                verification.intact(), verification.problem().orElse(null), broken, date, who, patient, action,
                audit.staffNames(), List.copyOf(actions), filtered, dateError));
    }

    private Row row(AuditEntry e) {
        return new Row(e.seq(), time.stamp(e.at()), e.actorKind() + " " + e.actorName(), e.action(),
                e.patientId(), e.subject() == null ? "" : e.subject(), e.remote() == null ? "" : e.remote());
    }

    private static String param(Context ctx, String name, int max) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return "";
        }
        value = value.strip();
        return value.length() > max ? value.substring(0, max) : value;
    }
}
