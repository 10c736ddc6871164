package clinic.kiosk.checkin;

import clinic.kiosk.config.ClinicTime;
import clinic.kiosk.consent.ConsentService;
import clinic.kiosk.config.KioskConfig;
import clinic.kiosk.device.DeviceAccess;
import clinic.kiosk.db.Transactions;
import clinic.kiosk.queue.Readiness;
import clinic.kiosk.queue.VisitService;
import clinic.kiosk.schedule.ScheduleService;
import clinic.kiosk.screening.ScreeningService;
import clinic.kiosk.web.Messages;
import io.javalin.config.JavalinConfig;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;

/** The check-in feature as the composition root sees it: its routes, and the count of failed identifications. */
public final class CheckIn {
    private final KioskSessions sessions;
    private final KioskController kiosk;
    private final DeskCheckInController desk;
    private final Readiness readiness;

    public CheckIn(Jdbi jdbi, ClinicTime time, KioskConfig config, VisitService visits, ScheduleService schedule,
                   ScreeningService screening, ConsentService consents, DeviceAccess devices, Messages messages,
                   KioskController.Waits waits) {
        this.sessions = new KioskSessions(jdbi, time);
        List<CheckInStep> steps = new ArrayList<>();
        steps.add(new ContactStep(visits));
        steps.add(new ConsentStep(consents));
        for (String form : config.forms().keySet()) {
            steps.add(new FormStep(form, screening, messages));
        }
        CheckInFlow flow = new CheckInFlow(steps, config, visits, screening, schedule, new Transactions(jdbi));
        this.readiness = flow.readiness();
        this.kiosk = new KioskController(sessions, flow, visits, schedule, devices, messages, config, screening, waits);
        this.desk = new DeskCheckInController(flow, visits, schedule, sessions, messages);
    }

    public void routes(JavalinConfig c) {
        kiosk.routes(c);
        desk.routes(c);
    }

    /** The one decision of READY and NEEDS_REVIEW, for every other path that settles a visit. */
    public Readiness readiness() {
        return readiness;
    }

    public int failuresToday() {
        return sessions.failuresToday();
    }
}
