package io.mape.test.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** A {@code redis-server} process on a free loopback port with its own temp dir, removed on close. */
final class ProcessRedis implements RedisServer {

    private final Path binary;
    private final Path cli;
    private final Path dir;
    private final int port;
    private final List<String> args;
    private Process process;
    private String version;

    private ProcessRedis(Path binary, Path cli, Path dir, int port, List<String> args) {
        this.binary = binary;
        this.cli = cli;
        this.dir = dir;
        this.port = port;
        this.args = List.copyOf(args);
    }

    /**
     * Starts {@code binary} on a free port with {@code args} after the harness's own (which they override); a few
     * ports are tried when one is taken meanwhile.
     */
    static ProcessRedis start(Path binary, Path cli, List<String> args) throws IOException {
        Path dir = Files.createTempDirectory("mape-redis-test");
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            ProcessRedis r = new ProcessRedis(binary, cli, dir, freePort(), args);
            try {
                r.start();
                return r;
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        delete(dir);
        throw last;
    }

    @Override
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Optional<Path> cli() {
        return Optional.ofNullable(cli);
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
        cmd.addAll(args);
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        }
        try {
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !process.isAlive() || Resp.ping(port));
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(binary + " did not answer PING on port " + port + ": " + log(), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(binary + " exited with " + process.exitValue() + " on port " + port
                    + ": " + log());
        }
        version = Resp.version(port);
    }

    @Override
    public void stop() {
        end(false);
    }

    @Override
    public void kill() {
        end(true);
    }

    /** Ends the server with SIGTERM (SIGKILL after 10 s), or at once with SIGKILL. */
    private synchronized void end(boolean kill) {
        if (process == null) {
            return;
        }
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        delete(dir);
    }

    @Override
    public String toString() {
        return "Redis " + version + " from " + binary + " on port " + port;
    }

    private String log() {
        try {
            List<String> lines = new ArrayList<>();
            for (String f : List.of("redis.out", "redis.log")) {
                Path p = dir.resolve(f);
                if (Files.exists(p)) {
                    List<String> all = Files.readAllLines(p);
                    lines.addAll(all.subList(Math.max(0, all.size() - 10), all.size()));
                }
            }
            return String.join("\n", lines);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
