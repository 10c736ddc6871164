package clinic.kiosk.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders the kiosk writes are readable by its own user only: folders {@code rwx------}, files
 * {@code rw-------}. On a file system without POSIX permissions the operating system's own access control applies.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates the folder (and missing parents) and makes the folder itself owner-only. */
    public static Path createDirectories(Path folder) throws IOException {
        Files.createDirectories(folder);
        set(folder, FOLDER);
        return folder;
    }

    public static void folder(Path folder) throws IOException {
        set(folder, FOLDER);
    }

    public static void file(Path file) throws IOException {
        set(file, FILE);
    }

    private static void set(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // Windows and other non-POSIX file systems: their own access control (the user's profile ACLs) applies
        }
    }
}
