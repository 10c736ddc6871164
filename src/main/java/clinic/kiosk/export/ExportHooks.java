package clinic.kiosk.export;

/**
 * Crash points for the crash test: with the system property {@code intake.export.haltAt} set to a point's name,
 * the JVM halts there at once, as a power cut or a kill would stop it. Unset in production; nothing else reads it.
 */
final class ExportHooks {
    static final String PROPERTY = "intake.export.haltAt";

    private ExportHooks() {
    }

    static void reached(String point) {
        if (point.equals(System.getProperty(PROPERTY))) {
            Runtime.getRuntime().halt(86);
        }
    }
}
