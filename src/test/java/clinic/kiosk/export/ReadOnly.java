package clinic.kiosk.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes a folder read-only for this process. Permissions do not stop root, so as root the folder is made
 * immutable with chattr instead; the test fails plainly if neither works on this machine.
 */
final class ReadOnly {
    private final Path folder;
    private final boolean immutable;

    private ReadOnly(Path folder, boolean immutable) {
        this.folder = folder;
        this.immutable = immutable;
    }

    static ReadOnly make(Path folder) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!writable(folder)) {
            return new ReadOnly(folder, false);
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        int code = new ProcessBuilder("chattr", "+i", folder.toString()).inheritIO().start().waitFor();
        if (code != 0 || writable(folder)) {
            throw new AssertionError("cannot make " + folder + " read-only on this machine (chattr exit " + code + ")");
        }
        return new ReadOnly(folder, true);
    }

    private static boolean writable(Path folder) {
        try {
            Path probe = Files.createTempFile(folder, "probe", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void undo() throws IOException, InterruptedException {
        if (immutable) {
            new ProcessBuilder("chattr", "-i", folder.toString()).inheritIO().start().waitFor();
        } else {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
