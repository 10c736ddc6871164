package clinic.kiosk.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A folder written atomically and durably: everything goes into a hidden temporary folder beside the final one,
 * each file is forced to disk as it is closed, and only then is the folder renamed to its final name and the
 * parent forced too. A crash at any point leaves either the old folder or the complete new one, never a folder
 * without its manifest under the final name; the next export deletes the leftover temporary folder.
 */
final class ExportFolder implements AutoCloseable {
    /** A file written, as the manifest lists it. */
    record Written(String path, long bytes, String sha256) {}

    private final Path target;
    private final Path temp;
    private final String suffix;
    private final List<Written> written = new ArrayList<>();
    private boolean committed;

    private ExportFolder(Path target, Path temp, String suffix) {
        this.target = target;
        this.temp = temp;
        this.suffix = suffix;
    }

    static ExportFolder begin(Path target) throws IOException {
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(parent, "." + name + ".*")) {
            for (Path leftover : leftovers) {
                deleteTree(leftover); // a crash in an earlier export, or a replaced folder not yet deleted
            }
        }
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String suffix = HexFormat.of().formatHex(random);
        Path temp = parent.resolve("." + name + ".partial-" + suffix);
        Files.createDirectory(temp);
        return new ExportFolder(target, temp, suffix);
    }

    /** A new file in the folder (parents created); counted, hashed and forced to disk when closed. */
    OutputStream create(String relative) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        MessageDigest sha256 = digest("SHA-256");
        return new FilterOutputStream(Channels.newOutputStream(channel)) {
            private long bytes;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                sha256.update((byte) b);
                bytes++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                sha256.update(b, off, len);
                bytes += len;
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                out.flush();
                channel.force(true);
                out.close();
                written.add(new Written(relative, bytes, HexFormat.of().formatHex(sha256.digest())));
            }
        };
    }

    /** The files written so far, by path. */
    List<Written> files() {
        return written.stream().sorted(Comparator.comparing(Written::path)).toList();
    }

    /** Forces the folders, then puts the folder under its final name (replacing an earlier one) and forces the parent. */
    void commit() throws IOException {
        try (var dirs = Files.walk(temp)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                force(dir);
            }
        }
        Path parent = target.getParent();
        ExportHooks.reached("before-rename");
        if (Files.exists(target)) {
            Path old = parent.resolve("." + target.getFileName() + ".replaced-" + suffix);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            force(parent);
            deleteTree(old);
        } else {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        force(parent);
        committed = true;
    }

    /** Deletes the temporary folder unless it was committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                deleteTree(temp);
            } catch (IOException e) {
                // best effort: the next export deletes it
            }
        }
    }

    static void force(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
