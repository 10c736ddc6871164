package clinic.kiosk.desk;

import clinic.kiosk.device.DeviceAccess;
import clinic.kiosk.device.DeviceRole;
import clinic.kiosk.queue.ChairService;
import clinic.kiosk.queue.QueueEvents;
import clinic.kiosk.web.Pages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The waiting-room TV: ticket codes and places only, never a name ("K-07: please go to Chair 2"), newest call on
 * top, how many are waiting; live over Server-Sent Events, with a chime where the screen allows sound.
 */
public final class LobbyController implements AutoCloseable {
    private final ChairService chairs;
    private final DeviceAccess devices;
    private final LiveBoard live;

    public LobbyController(ChairService chairs, DeviceAccess devices, QueueEvents events) {
        this.chairs = chairs;
        this.devices = devices;
        this.live = new LiveBoard(events);
    }

    public void routes(JavalinConfig c) {
        c.routes.get("/lobby", ctx -> {
            if (devices.admit(ctx, DeviceRole.LOBBY)) {
                Pages.render(ctx, "lobby/lobby", new LobbyPage(chairs.lobby()));
            }
        });
        c.routes.get("/lobby/calls", ctx -> {
            if (!mayWatch(ctx)) {
                ctx.status(HttpStatus.UNAUTHORIZED).result("");
                return;
            }
            Pages.render(ctx, "lobby/calls", new LobbyPage(chairs.lobby()));
        });
        c.routes.sse("/lobby/events", client -> {
            if (mayWatch(client.ctx())) {
                live.join(client);
            } else {
                client.close();
            }
        });
    }

    public record LobbyPage(ChairService.Lobby lobby) {}

    /** An enrolled lobby screen; or any browser where enrolment is off (demo and tests): tickets only, no names. */
    private boolean mayWatch(Context ctx) {
        return DeviceAccess.device(ctx).map(d -> d.roleEnum() == DeviceRole.LOBBY).orElse(false)
                || !devices.enrollmentRequired();
    }

    @Override
    public void close() {
        live.close();
    }
}
