package clinic.kiosk.device;

import java.util.Locale;
import java.util.Optional;

/** What an enrolled device is for, and the page it opens on. */
public enum DeviceRole {
    /** A patient tablet in the waiting room. */
    KIOSK("/kiosk"),
    /** The waiting-room TV that calls tickets. */
    LOBBY("/lobby"),
    /** An always-on screen at the desk. */
    BOARD("/board");

    private final String home;

    DeviceRole(String home) {
        this.home = home;
    }

    public String home() {
        return home;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeviceRole> of(String code) {
        for (DeviceRole r : values()) {
            if (r.code().equals(code)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
