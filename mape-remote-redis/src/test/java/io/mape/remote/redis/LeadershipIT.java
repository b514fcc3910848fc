package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mape.test.redis.RedisExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three JVMs campaign for the speed-enforcement master's lease in a real Redis ({@link LeaderNode}); their fines go
 * to a fenced effector in a second Redis, which records each as {@code (fencing token, owner)}. The leader is
 * killed with SIGKILL and another takes over within the lease; then the lease Redis itself is killed with SIGKILL
 * and restarted empty on its port (no persistence: the worst case, every lease and counter lost). Throughout, no
 * fencing token is ever recorded for two owners, and the effector never records an older token after a newer one.
 */
class LeadershipIT {

    @RegisterExtension
    static final RedisExtension LEASES = RedisExtension.owned();

    @RegisterExtension
    static final RedisExtension EFFECTOR = RedisExtension.owned();

    private static final long TTL_MS = 3000;
    /** The lease runs out at most a ttl after the kill; a candidate retries every ttl/10; one fine takes ~300 ms. */
    private static final Duration TAKEOVER = Duration.ofMillis(TTL_MS + TTL_MS / 10 + 1500);

    private final List<Node> nodes = new ArrayList<>();
    private RedisClient client;
    private StatefulRedisConnection<String, String> effector;

    private record Node(String owner, Process process, List<String> out, Path err) {
        String describe() {
            try {
                return owner + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")") + " stdout " + out
                        + ", stderr:\n" + Files.readString(err);
            } catch (IOException e) {
                return owner + " stdout " + out;
            }
        }
    }

    private record Action(long token, String owner) {
    }

    @BeforeEach
    void connect() {
        client = RedisClient.create(EFFECTOR.server().url());
        effector = client.connect();
        effector.sync().flushall();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Node n : nodes) {
            n.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        effector.close();
        client.shutdown();
    }

    @Test
    void oneLeaderActsPerEpochThroughAKilledLeaderAndAKilledRedis() throws Exception {
        for (String owner : List.of("node-1", "node-2", "node-3")) {
            nodes.add(start(owner));
        }
        for (Node n : nodes) {
            await(n.owner() + " ready").atMost(Duration.ofSeconds(60)).failFast(n.describe(), () -> !n.process().isAlive())
                    .until(() -> n.out().stream().anyMatch(l -> l.startsWith("ready ")));
        }

        Action first = awaitActionAfter(0, Duration.ofSeconds(30));
        await("a few fines from " + first.owner()).until(() -> actions().stream()
                .filter(a -> a.token() == first.token()).count() >= 5);
        Node leader = node(first.owner());

        long killed = System.nanoTime();
        leader.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Action second = awaitActionAfter(first.token(), TAKEOVER.plusSeconds(5));
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        assertThat(second.owner()).isNotEqualTo(first.owner());
        assertThat(takeover).as("takeover after the leader's kill").isLessThanOrEqualTo(TAKEOVER);
        await("a few fines from " + second.owner()).until(() -> actions().stream()
                .filter(a -> a.token() == second.token()).count() >= 5);

        killRedisAndRestartItEmpty();
        Action third = awaitActionAfter(second.token(), Duration.ofSeconds(30));
        await("a few fines in the term after the restart").until(() -> actions().stream()
                .filter(a -> a.token() == third.token()).count() >= 5);

        List<Action> all = actions();
        Map<Long, Set<String>> ownersByToken = new HashMap<>();
        for (Action a : all) {
            ownersByToken.computeIfAbsent(a.token(), t -> new HashSet<>()).add(a.owner());
        }
        assertThat(ownersByToken).as("owners per fencing token in %s", all)
                .allSatisfy((token, owners) -> assertThat(owners).hasSize(1));
        assertThat(all).extracting(Action::token).as("tokens in the effector's order").isSorted();
        System.out.println("takeover " + takeover.toMillis() + " ms; terms " + ownersByToken + "; refused "
                + effector.sync().get("refused"));
    }

    private Node node(String owner) {
        return nodes.stream().filter(n -> n.owner().equals(owner)).findFirst().orElseThrow();
    }

    /** The first recorded action with a token above {@code token}. */
    private Action awaitActionAfter(long token, Duration within) {
        return await("an action in a term after " + token).atMost(within).pollInterval(Duration.ofMillis(20))
                .until(() -> actions().stream().filter(a -> a.token() > token).findFirst().orElse(null),
                        a -> a != null);
    }

    private List<Action> actions() {
        return effector.sync().lrange("actions", 0, -1).stream().map(l -> l.split(" "))
                .map(p -> new Action(Long.parseLong(p[0]), p[1])).toList();
    }

    /** SIGKILL to the lease Redis (its {@code process_id} from {@code INFO server}), then a fresh start on its port. */
    private static void killRedisAndRestartItEmpty() {
        RedisClient leases = RedisClient.create(LEASES.server().url());
        long pid;
        try (StatefulRedisConnection<String, String> c = leases.connect()) {
            pid = c.sync().info("server").lines().filter(l -> l.startsWith("process_id:"))
                    .mapToLong(l -> Long.parseLong(l.substring("process_id:".length()).trim())).findFirst()
                    .orElseThrow();
        } finally {
            leases.shutdown();
        }
        ProcessHandle redis = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        assertThat(redis.destroyForcibly()).as("SIGKILL to redis-server " + pid).isTrue();
        await("redis-server killed").until(() -> !redis.isAlive());
        LEASES.server().start();
    }

    private static Node start(String owner) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), LeaderNode.class.getName(),
                LEASES.server().url(), EFFECTOR.server().url(), owner, String.valueOf(TTL_MS));
        Path err = Files.createTempFile("mape-leader-" + owner + "-", ".log");
        err.toFile().deleteOnExit();
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        List<String> out = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                }
            } catch (IOException e) {
                out.add("(stdout closed: " + e.getMessage() + ")");
            }
        }, "stdout-" + owner);
        reader.setDaemon(true);
        reader.start();
        return new Node(owner, p, out, err);
    }
}
