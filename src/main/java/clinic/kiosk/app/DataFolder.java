package clinic.kiosk.app;

import clinic.kiosk.db.OwnerOnly;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * The data folder, held by one server at a time: an operating-system lock on {@code kiosk.lock} that is released
 * when the process ends, however it ends, so a crash never leaves a stale lock behind.
 */
final class DataFolder implements AutoCloseable {
    private static final String DEMO_MARKER = "DEMO-DATA-FOLDER";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolder(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    static DataFolder lock(Path dir) {
        try {
            // Readable by the kiosk's own user only: everything inside (database, backups, export, keys, logs) with it.
            OwnerOnly.createDirectories(dir);
        } catch (IOException e) {
            throw new StartupException("cannot create the data folder " + dir + " (" + e.getMessage() + ")", e);
        }
        Path file = dir.resolve("kiosk.lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new StartupException("another Intake Kiosk server" + (holder.isEmpty() ? "" : " (process " + holder + ")")
                        + " is already using the data folder " + dir.toAbsolutePath()
                        + "; stop it first, or give this one its own --data-dir");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            return new DataFolder(dir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException("cannot lock the data folder " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    Path dir() {
        return dir;
    }

    /**
     * The demo only runs on a folder it made itself, so {@code --demo} can never add fictitious patients to a
     * clinic's real data; and a real server never starts on a demo folder.
     */
    void checkDemo(boolean demo) {
        boolean marked = Files.exists(dir.resolve(DEMO_MARKER));
        boolean hasDatabase = Files.exists(dir.resolve("db"));
        if (demo && !marked) {
            if (hasDatabase) {
                throw new StartupException("--demo refuses the data folder " + dir.toAbsolutePath()
                        + ": it holds a clinic's data; use a separate folder such as data-demo/");
            }
            try {
                Files.writeString(dir.resolve(DEMO_MARKER), "This folder holds fictitious demo data only.\n");
            } catch (IOException e) {
                throw new StartupException("cannot mark the demo data folder (" + e.getMessage() + ")", e);
            }
        } else if (!demo && marked) {
            throw new StartupException("the data folder " + dir.toAbsolutePath()
                    + " holds demo data; start with --demo, or use another --data-dir for the clinic");
        }
    }

    /** The server's 32-byte signing key, created on first start and readable by its owner only. */
    byte[] signingKey() {
        Path file = dir.resolve("secrets").resolve("signing.key");
        try {
            if (Files.exists(file)) {
                byte[] key = Files.readAllBytes(file);
                if (key.length >= 32) {
                    return key;
                }
                throw new StartupException("the signing key " + file + " is damaged; delete it to make a new one (enrolled devices must then be enrolled again)");
            }
            OwnerOnly.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.write(file, key, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OwnerOnly.file(file);
            return key;
        } catch (IOException e) {
            throw new StartupException("cannot read or create the signing key " + file + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // released with the channel anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }
}
