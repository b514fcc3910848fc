package io.mape.remote.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A sentinel-managed Redis: a primary, one replica and three sentinels (quorum 2, down after 1 s), started once per
 * test class from the PATH's {@code redis-server} ({@code --sentinel} with a generated config) on free loopback
 * ports, each in a temp dir of its own; stopped and removed after the class. Fails the class when the binaries are
 * missing, saying how to get them. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisSentinels SENTINELS = RedisSentinels.primaryReplicaAndThree();
 * }</pre>
 */
public final class RedisSentinels implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** The name the sentinels monitor the primary under. */
    public static final String MASTER = "mymaster";

    private final List<ServerProcess> data = new ArrayList<>();
    private final List<ServerProcess> sentinels = new ArrayList<>();
    private Path root;

    private RedisSentinels() {
    }

    public static RedisSentinels primaryReplicaAndThree() {
        return new RedisSentinels();
    }

    /** {@code redis-sentinel://127.0.0.1:S1,127.0.0.1:S2,127.0.0.1:S3/0#mymaster}. */
    public String url() {
        return "redis-sentinel://" + sentinels.stream().map(s -> "127.0.0.1:" + s.port())
                .collect(Collectors.joining(",")) + "/0#" + MASTER;
    }

    /** The port of the primary, as the sentinels name it now. */
    public int primaryPort() {
        String out = cli(sentinels.get(0).port(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER);
        String[] lines = out.trim().split("\n");
        return Integer.parseInt(lines[lines.length - 1].trim());
    }

    /** The ports of the two data nodes. */
    public List<Integer> dataPorts() {
        return data.stream().map(ServerProcess::port).toList();
    }

    /**
     * {@code SENTINEL FAILOVER mymaster}, then waits until every sentinel names the former replica as the primary,
     * it says so itself, and the former primary has been made its replica (which is when the sentinels cut that
     * one's clients off, so that they ask again where the primary is).
     *
     * @return the port of the new primary
     */
    public int failover() {
        int was = primaryPort();
        int next = data.stream().mapToInt(ServerProcess::port).filter(p -> p != was).findFirst().orElseThrow();
        cli(sentinels.get(0).port(), "SENTINEL", "FAILOVER", MASTER);
        Awaitility.await("the sentinels promote " + next).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sentinels.stream().allMatch(s -> cli(s.port(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME",
                        MASTER).contains(String.valueOf(next)))
                        && cli(next, "ROLE").startsWith("master") && cli(was, "ROLE").startsWith("slave"));
        return next;
    }

    /** {@code redis-cli -p port args...}'s output. */
    public String cli(int port, String... args) {
        List<String> a = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", String.valueOf(port)));
        a.addAll(List.of(args));
        return ServerProcess.cli(a);
    }

    /** Starts the primary, the replica and the sentinels, and waits until the sentinels know each other. */
    public void start() {
        Path server = ServerProcess.binary("redis-server");
        ServerProcess.binary("redis-cli");
        try {
            root = Files.createTempDirectory("mape-redis-sentinel");
            List<Integer> ports = ServerProcess.freePorts(5);
            int primary = ports.get(0);
            for (int i = 0; i < 2; i++) {
                int port = ports.get(i);
                Path dir = Files.createDirectory(root.resolve("data-" + port));
                List<String> cmd = new ArrayList<>(List.of(server.toString(), "--port", String.valueOf(port),
                        "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                        "--daemonize", "no"));
                if (i > 0) {
                    cmd.addAll(List.of("--replicaof", "127.0.0.1", String.valueOf(primary)));
                }
                ServerProcess n = new ServerProcess(i == 0 ? "primary" : "replica", cmd, dir, port);
                data.add(n);
                n.start();
            }
            for (int port : ports.subList(2, 5)) {
                Path dir = Files.createDirectory(root.resolve("sentinel-" + port));
                Path conf = dir.resolve("sentinel.conf");
                Files.writeString(conf, String.join("\n",
                        "port " + port,
                        "bind 127.0.0.1",
                        "dir " + dir,
                        "sentinel monitor " + MASTER + " 127.0.0.1 " + primary + " 2",
                        "sentinel down-after-milliseconds " + MASTER + " 1000",
                        "sentinel failover-timeout " + MASTER + " 10000",
                        "sentinel parallel-syncs " + MASTER + " 1", ""));
                ServerProcess s = new ServerProcess("sentinel", List.of(server.toString(), conf.toString(),
                        "--sentinel"), dir, port);
                sentinels.add(s);
                s.start();
            }
            Awaitility.await("the sentinels know each other and the replica").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> sentinels.stream().allMatch(s -> knowsAll(s.port()))
                            && cli(primary, "INFO", "replication").contains("state=online"));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            String logs = "\n" + data.stream().map(n -> n + ":\n" + n.log()).collect(Collectors.joining("\n"))
                    + sentinels.stream().map(n -> n + ":\n" + n.log()).collect(Collectors.joining("\n"));
            close();
            throw new IllegalStateException("the sentinel set did not come up: " + e.getMessage() + logs, e);
        }
    }

    private boolean knowsAll(int sentinel) {
        String info = cli(sentinel, "INFO", "sentinel");
        return info.contains("slaves=1") && info.contains("sentinels=3");
    }

    @Override
    public void close() {
        sentinels.forEach(ServerProcess::stop);
        sentinels.clear();
        data.forEach(ServerProcess::stop);
        data.clear();
        if (root != null) {
            ServerProcess.delete(root);
            root = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
        start();
        System.out.println(context.getDisplayName() + " runs on " + this);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public String toString() {
        return "a primary and a replica on ports " + dataPorts() + " with sentinels on "
                + sentinels.stream().map(ServerProcess::port).toList();
    }
}
