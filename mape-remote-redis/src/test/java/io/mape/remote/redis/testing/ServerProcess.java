package io.mape.remote.redis.testing;

import io.mape.test.redis.Resp;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One {@code redis-server} process (a data node or a sentinel) of a cluster or sentinel set, on a loopback port of
 * its own with a directory of its own; the topologies ({@link RedisCluster}, {@link RedisSentinels}) start and
 * end them. Not thread-safe: a test drives it from one thread.
 */
final class ServerProcess {

    private final String what;
    private final List<String> command;
    private final Path dir;
    private final int port;
    private Process process;

    ServerProcess(String what, List<String> command, Path dir, int port) {
        this.what = what;
        this.command = List.copyOf(command);
        this.dir = dir;
        this.port = port;
    }

    int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts it and waits until it answers PING. */
    void start() {
        if (isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        }
        try {
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !process.isAlive() || Resp.ping(port));
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " did not answer PING on port " + port + ": " + log(), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(what + " exited with " + process.exitValue() + " on port " + port + ": "
                    + log());
        }
    }

    /** Ends it at once with SIGKILL, as {@code kill -9} does. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Ends it with SIGTERM (SIGKILL after 10 s). */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
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

    /** The last lines of its output, for a failure message. */
    String log() {
        try {
            Path p = dir.resolve("server.out");
            if (!Files.exists(p)) {
                return "(no output)";
            }
            List<String> all = Files.readAllLines(p);
            return String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return what + " on port " + port;
    }

    // ---------------------------------------------------------------- what the topologies share

    /** {@code redis-server} and {@code redis-cli} from the PATH; fails saying how to get them. */
    static Path binary(String name) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("no " + name + " on the PATH: the cluster and sentinel tests start real "
                + "redis-server processes (Redis 7 for sharded pub/sub). Install Redis 7 (Debian: apt-get install "
                + "redis-server, which brings redis-server and redis-cli) or put its bin directory on the PATH.");
    }

    /** {@code count} distinct free loopback ports. */
    static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports.add(s.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /** Runs {@code redis-cli} with these arguments; its output, or a failure with the output. */
    static String cli(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary("redis-cli").toString());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
