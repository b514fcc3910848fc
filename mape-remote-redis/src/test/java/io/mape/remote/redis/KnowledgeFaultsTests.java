package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.KnowledgeEvent;
import io.mape.knowledge.KnowledgeException;
import io.mape.knowledge.KQueue;
import io.mape.knowledge.Scope;
import io.mape.test.redis.RedisServer;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.observers.TestObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Redis Knowledge when its server dies and comes back; run on each Redis the machine has by the subclasses. */
abstract class KnowledgeFaultsTests {

    abstract RedisServer server();

    private App app() {
        return App.create(MapeConfig.builder().redisUrl(server().url()).build());
    }

    /** What {@code CONFIG SET} turned on is gone after a restart: the backend turns it on again when it is back. */
    @Test
    void changesFlowAgainAfterRedisIsKilledAndRestarted() {
        try (App app = app()) {
            Knowledge k = RedisRemote.of(app).knowledge().knowledge(Scope.loop("faults"));
            List<KnowledgeEvent> seen = new CopyOnWriteArrayList<>();
            Disposable d = k.changes("v*").subscribe(seen::add);
            for (int i = 0; i < 10; i++) {
                k.put("v" + i, i);
            }
            await().until(() -> seen.size() == 10);

            server().kill();
            server().start();

            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                k.put("v_after", 1);
                return seen.stream().anyMatch(e -> e.name().equals("v_after"));
            });
            int before = seen.size();
            for (int i = 0; i < 11; i++) {
                k.put("w" + i, i);
                k.put("v" + i, i);
            }
            await().until(() -> seen.stream().anyMatch(e -> e.name().equals("v10")));
            assertThat(seen.subList(before, seen.size())).extracting(KnowledgeEvent::name)
                    .filteredOn(name -> !name.equals("v_after"))
                    .containsExactly("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10");
            d.dispose();
        }
    }

    /**
     * When the server comes back and keyspace events cannot be turned on again (a user without CONFIG, on a server
     * whose events are off), the change stream ends with an error saying what to configure, and so does a new one.
     */
    @Test
    void aChangeStreamEndsWithAnErrorWhenEventsCannotBeTurnedOnAgain() {
        raw("ACL", "SETUSER", "mape_noconfig", "on", ">pw", "~*", "&*", "+@all", "-config");
        raw("CONFIG", "SET", "notify-keyspace-events", "KEA");
        try (App app = App.create(MapeConfig.builder().redisUrl(server().url("mape_noconfig", "pw", 0)).build())) {
            Knowledge k = RedisRemote.of(app).knowledge().knowledge(Scope.loop("faults"));
            TestObserver<KnowledgeEvent> to = k.changes("*").test();
            k.put("x", 1);
            await().until(() -> to.values().size() == 1);

            server().kill();
            server().start();
            raw("ACL", "SETUSER", "mape_noconfig", "on", ">pw", "~*", "&*", "+@all", "-config");

            to.awaitDone(30, TimeUnit.SECONDS);
            to.assertError(e -> e instanceof KnowledgeException
                    && e.getMessage().contains("notify-keyspace-events KEA"));
            k.changes("*").test().awaitDone(30, TimeUnit.SECONDS).assertError(KnowledgeException.class);
        }
    }

    @Test
    void takeWhileRedisIsDownFailsWithAKnowledgeException() {
        try (App app = app()) {
            Knowledge k = RedisRemote.of(app).knowledge().knowledge(Scope.loop("faults"));
            KQueue<String> q = k.queue("q", String.class);
            q.offer("warm");
            assertThat(q.take(Duration.ofSeconds(1))).isEqualTo("warm");

            server().stop();
            try {
                KQueue<String> fresh = k.queue("fresh", String.class);
                CompletableFuture<String> a = fresh.takeAsync(Duration.ofMillis(200)).toCompletableFuture();
                CompletableFuture<String> b = fresh.takeAsync(Duration.ofMillis(200)).toCompletableFuture();
                assertThatThrownBy(() -> fresh.take(Duration.ofMillis(200))).isInstanceOf(KnowledgeException.class)
                        .hasMessageContaining("Redis at");
                for (CompletableFuture<String> f : List.of(a, b)) {
                    assertThat(f).failsWithin(Duration.ofSeconds(30))
                            .withThrowableOfType(ExecutionException.class)
                            .withCauseInstanceOf(KnowledgeException.class);
                }
                assertThatThrownBy(() -> k.put("x", 1)).isInstanceOf(KnowledgeException.class);
            } finally {
                server().start();
            }
        }
    }

    /** Runs one command on the server as the default user. */
    private void raw(String command, String... args) {
        RedisClient client = RedisClient.create(server().url());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            CommandArgs<String, String> a = new CommandArgs<>(StringCodec.UTF8);
            for (String arg : args) {
                a.add(arg);
            }
            c.sync().dispatch(CommandType.valueOf(command), new StatusOutput<>(StringCodec.UTF8), a);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
