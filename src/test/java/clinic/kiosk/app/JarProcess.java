package clinic.kiosk.app;

import clinic.kiosk.support.TestApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged jar in a child JVM, as an operator starts it. */
final class JarProcess implements AutoCloseable {
    static final Path JAR = Path.of(System.getProperty("kiosk.jar", "target/intake-kiosk.jar"));

    final Process process;
    final Path output;
    final int port;

    private JarProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code java -jar intake-kiosk.jar args...} with these extra environment variables. */
    static JarProcess start(Map<String, String> env, int port, String... args) {
        return start(List.of(), env, port, args);
    }

    /** The same with extra JVM options (a system property), on the heap {@code scripts/run} sets. */
    static JarProcess start(List<String> jvmOptions, Map<String, String> env, int port, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return launch(command, env, port);
    }

    static JarProcess launch(List<String> command, Map<String, String> env, int port) {
        try {
            Path output = Files.createTempFile("kiosk-jar", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("KIOSK_"));
            pb.environment().putAll(env);
            return new JarProcess(pb.start(), output, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command of the jar to its end and returns its exit code (output in {@link #output()}). */
    static JarProcess run(Map<String, String> env, String... args) {
        return run(List.of(), env, args);
    }

    static JarProcess run(List<String> jvmOptions, Map<String, String> env, String... args) {
        JarProcess p = start(jvmOptions, env, 0, args);
        try {
            if (!p.process.waitFor(600, TimeUnit.SECONDS)) {
                p.process.destroyForcibly();
                throw new AssertionError("the command did not end: " + List.of(args));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return p;
    }

    int exitCode() {
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Waits (generously) until /health answers 200; fails with the process output when it never does. */
    JarProcess awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/health")))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(200);
        }
        throw new AssertionError("the server did not become healthy:\n" + output());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Map<String, String> env(Path dataDir, int port) {
        return Map.of("KIOSK_DATA_DIR", dataDir.toString(), "KIOSK_PORT", Integer.toString(port),
                "KIOSK_CONFIG_DIR", TestApp.shippedConfig().toString(), "KIOSK_ADMIN_PASSWORD", TestApp.ADMIN_PASSWORD);
    }
}
