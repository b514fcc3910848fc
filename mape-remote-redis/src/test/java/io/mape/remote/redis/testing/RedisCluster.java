package io.mape.remote.redis.testing;

import io.lettuce.core.cluster.SlotHash;
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
 * A real Redis Cluster of three primaries and no replicas, started once per test class from the PATH's
 * {@code redis-server} ({@code --cluster-enabled yes}) and {@code redis-cli --cluster create}, on free loopback
 * ports, each node in a temp dir of its own; stopped and removed after the class. Fails the class when the binaries
 * are missing, saying how to get them. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisCluster CLUSTER = RedisCluster.threePrimaries();
 * }</pre>
 */
public final class RedisCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private final int primaries;
    private final List<ServerProcess> nodes = new ArrayList<>();
    private Path root;
    private String slots;

    private RedisCluster(int primaries) {
        this.primaries = primaries;
    }

    public static RedisCluster threePrimaries() {
        return new RedisCluster(3);
    }

    /** {@code redis-cluster://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3}: every node as a seed. */
    public String url() {
        return "redis-cluster://" + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    /** The ports of the primaries. */
    public List<Integer> ports() {
        return nodes.stream().map(ServerProcess::port).toList();
    }

    /** {@code redis-cli -p port args...}'s output. */
    public String cli(int port, String... args) {
        List<String> a = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", String.valueOf(port)));
        a.addAll(List.of(args));
        return ServerProcess.cli(a);
    }

    /** The port of the primary that serves {@code key} (or the shard channel of that name). */
    public int portOf(String key) {
        long slot = SlotHash.getSlot(key);
        if (slots == null) {
            slots = cli(nodes.get(0).port(), "CLUSTER", "NODES");
        }
        for (String line : slots.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 9 || !f[2].contains("master")) {
                continue;
            }
            for (int i = 8; i < f.length; i++) {
                String[] range = f[i].split("-");
                long from = Long.parseLong(range[0]);
                long to = range.length > 1 ? Long.parseLong(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
                }
            }
        }
        throw new IllegalStateException("no primary serves slot " + slot);
    }

    /** Starts the nodes, joins them, and waits for {@code cluster_state:ok} on every one. */
    public void start() {
        Path server = ServerProcess.binary("redis-server");
        ServerProcess.binary("redis-cli");
        try {
            root = Files.createTempDirectory("mape-redis-cluster");
            for (int port : ServerProcess.freePorts(primaries)) {
                Path dir = Files.createDirectory(root.resolve(String.valueOf(port)));
                ServerProcess n = new ServerProcess("cluster node", List.of(server.toString(), "--port",
                        String.valueOf(port), "--bind", "127.0.0.1", "--dir", dir.toString(), "--cluster-enabled",
                        "yes", "--cluster-config-file", dir.resolve("nodes.conf").toString(),
                        "--cluster-node-timeout", "2000", "--save", "", "--appendonly", "no",
                        "--daemonize", "no"), dir, port);
                nodes.add(n);
                n.start();
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        List<String> create = new ArrayList<>(List.of("--cluster", "create"));
        nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        try {
            ServerProcess.cli(create);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> nodes.stream().allMatch(n -> cli(n.port(), "CLUSTER", "INFO")
                            .contains("cluster_state:ok")));
        } catch (RuntimeException e) {
            String logs = nodes.stream().map(n -> n + ":\n" + n.log()).collect(Collectors.joining("\n"));
            close();
            throw new IllegalStateException("the cluster did not form: " + e.getMessage() + "\n" + logs, e);
        }
    }

    @Override
    public void close() {
        slots = null;
        nodes.forEach(ServerProcess::stop);
        nodes.clear();
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
        return "a Redis Cluster of " + primaries + " primaries on ports " + ports();
    }
}
