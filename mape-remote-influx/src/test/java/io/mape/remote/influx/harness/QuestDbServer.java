package io.mape.remote.influx.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * QuestDB run from its jar (the test-scoped Maven dependency) as a child process of the test JVM, with the same
 * java: own temp root, HTTP on a free loopback port, every other listener and telemetry off. Its HTTP endpoint
 * takes {@code /api/v2/write} as InfluxDB 2 does; tables are read back over {@code /exec}.
 */
public final class QuestDbServer implements InfluxServer, AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private final Process process;
    private final String url;

    private QuestDbServer(Path root, Process process, String url) {
        this.root = root;
        this.process = process;
        this.url = url;
    }

    /** Starts one; tries another port when the chosen one was taken meanwhile. */
    public static QuestDbServer start() {
        Path jar = jar();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return start(jar, freePort());
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static QuestDbServer start(Path jar, int port) {
        try {
            Path root = Files.createTempDirectory("mape-questdb-");
            Files.createDirectories(root.resolve("conf"));
            Files.write(root.resolve("conf/server.conf"), List.of(
                    "http.bind.to=127.0.0.1:" + port,
                    "pg.enabled=false",
                    "line.tcp.enabled=false",
                    "line.udp.enabled=false",
                    "http.min.enabled=false",
                    "telemetry.enabled=false"));
            Path log = root.resolve("questdb.log");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(java.toString(), "-Xmx512m", "-jar", jar.toString(), "-d", root.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            QuestDbServer server = new QuestDbServer(root, p, "http://127.0.0.1:" + port);
            try {
                Awaitility.await("QuestDB answering on " + server.url).atMost(START_TIMEOUT)
                        .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> !p.isAlive() || QuestDbReader.exec(server.url, "select 1") != null);
            } catch (ConditionTimeoutException e) {
                server.close();
                throw new IllegalStateException("QuestDB did not answer within " + START_TIMEOUT + "; its log:\n"
                        + tail(log), e);
            }
            if (!p.isAlive()) {
                String out = tail(log);
                server.close();
                throw new IllegalStateException("QuestDB exited with " + p.exitValue() + "; its log:\n" + out);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("starting QuestDB failed", e);
        }
    }

    private static Path jar() {
        try {
            Class<?> main = Class.forName("io.questdb.ServerMain");
            Path jar = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("QuestDB is loaded from " + jar + ", not from its jar");
            }
            return jar;
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("the QuestDB jar is not on the test classpath "
                    + "(test dependency org.questdb:questdb)", e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public String kind() {
        return "questdb";
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String token() {
        return null;
    }

    @Override
    public String org() {
        return "mape";
    }

    @Override
    public String bucket() {
        return "mape";
    }

    @Override
    public List<Row> rows(String measurement) {
        return QuestDbReader.rows(url, measurement);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }

    @Override
    public String toString() {
        return "QuestDB at " + url;
    }
}
