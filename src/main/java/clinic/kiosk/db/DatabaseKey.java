package clinic.kiosk.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The key H2 encrypts the database file with (AES), when the clinic turns encryption on: from the environment
 * ({@code KIOSK_DB_KEY}, or {@code KIOSK_DB_KEY_FILE} naming a file) or from the file kiosk.yaml names. A key file
 * must lie outside the data folder, so that a copy of the data folder (or a backup) never carries its own key.
 * Keys are at least 32 characters without spaces (H2 separates the file key from the user's password by a space),
 * for example {@code openssl rand -hex 32}.
 */
public final class DatabaseKey {
    static final int MIN_LENGTH = 32;

    private final char[] key;
    private final String source;

    private DatabaseKey(char[] key, String source) {
        this.key = key;
        this.source = source;
    }

    /** Where the key came from, for messages (never the key). */
    public String source() {
        return source;
    }

    char[] chars() {
        return key.clone();
    }

    /** The key the environment or the configuration gives, if any; a bad one is refused with the reason. */
    public static Optional<DatabaseKey> find(Map<String, String> env, Optional<String> configuredFile, Path dataDir) {
        String inline = env.get("KIOSK_DB_KEY");
        if (inline != null && !inline.isEmpty()) {
            return Optional.of(checked(inline.strip(), "KIOSK_DB_KEY"));
        }
        Optional<String> file = Optional.ofNullable(env.get("KIOSK_DB_KEY_FILE")).filter(f -> !f.isBlank()).or(() -> configuredFile);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(file.get()).toAbsolutePath().normalize();
        Path data = dataDir.toAbsolutePath().normalize();
        if (path.startsWith(data)) {
            throw new IllegalArgumentException("the database key file " + path + " is inside the data folder " + data
                    + ": keep it elsewhere, so a copy of the data folder does not carry its key");
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the database key file " + path + " (" + e.getClass().getSimpleName() + ")");
        }
        return Optional.of(checked(text, "the key file " + path));
    }

    private static DatabaseKey checked(String key, String source) {
        if (key.length() < MIN_LENGTH || key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the database key from " + source + " must be at least " + MIN_LENGTH
                    + " characters without spaces (for example: openssl rand -hex 32)");
        }
        return new DatabaseKey(key.toCharArray(), source);
    }
}
