package io.mape.remote.mqtt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A {@code mosquitto} broker of the tests' own, on a free loopback port (never the 1883 of a broker the machine
 * may run), anonymous, without persistence, logging to {@code target/mosquitto-<port>/}, as the user running the
 * tests (run as root, mosquitto would otherwise become the user {@code mosquitto}, who may not write that log), and
 * queueing up to 100,000 messages for a subscriber behind (its default of 1000 drops, unseen by the sender, what a
 * burst of the TCK puts ahead of a subscriber on a loaded machine). It can be killed as
 * {@code kill -9} does and started again on the same port. Without {@code /usr/sbin/mosquitto} it fails, saying how
 * to install it: the MQTT tests never skip.
 */
public final class Mosquitto implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final int port;
    private final Path dir;
    private Process process;

    private Mosquitto(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** A broker started on a free port. */
    public static Mosquitto start() {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: the MQTT tests need a real broker; install it "
                    + "with `apt-get install mosquitto` (Debian, Ubuntu)");
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                int port = freePort();
                Path dir = Files.createDirectories(Path.of("target", "mosquitto-" + port).toAbsolutePath());
                Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous true",
                        "persistence false",
                        "user " + System.getProperty("user.name"),
                        "max_queued_messages 100000",
                        "log_dest file " + dir.resolve("mosquitto.log"),
                        "log_type error",
                        "log_type warning",
                        "log_type notice",
                        ""));
                Mosquitto m = new Mosquitto(port, dir);
                m.restart();
                return m;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the broker (again, on the same port) and waits until the port takes connections. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(List.of(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + BINARY, e);
        }
        try {
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !process.isAlive() || accepts());
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(BINARY + " did not take connections on port " + port + ": " + log(), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(BINARY + " exited with " + process.exitValue() + " on port " + port
                    + ": " + log());
        }
    }

    /** Kills the broker with SIGKILL: no goodbye to its clients. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(BINARY + " did not die of SIGKILL within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return "mosquitto on port " + port;
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("mosquitto.out", "mosquitto.log")) {
            try {
                Path p = dir.resolve(f);
                if (Files.exists(p)) {
                    b.append(Files.readString(p));
                }
            } catch (IOException e) {
                b.append("(no ").append(f).append(": ").append(e.getMessage()).append(')');
            }
        }
        return b.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
