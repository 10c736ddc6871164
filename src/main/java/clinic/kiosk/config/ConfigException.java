package clinic.kiosk.config;

/** A configuration problem, said in one line: the file, the key and what is wrong. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String file, String key, String problem) {
        super(file + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
    }
}
