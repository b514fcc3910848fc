package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.CommandType;
import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.knowledge.KLock;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.KnowledgeEvent;
import io.mape.knowledge.KnowledgeException;
import io.mape.knowledge.Scope;
import io.mape.test.redis.RedisExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the TCK cannot see: the server's configuration, other clients, the lock's token. */
class RedisKnowledgeIT {

    /** Its own server: the tests change its configuration and users. */
    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.owned();

    record Car(String id, int speed) {
    }

    private App app;
    private RedisClient rawClient;
    private StatefulRedisConnection<String, String> rawConnection;

    @BeforeEach
    void setUp() {
        app = App.create(MapeConfig.builder().redisUrl(REDIS.server().url()).build());
        rawClient = RedisClient.create(REDIS.server().url());
        rawConnection = rawClient.connect();
        raw().configSet("notify-keyspace-events", "");
    }

    @AfterEach
    void tearDown() {
        app.close();
        raw().aclDeluser("carol");
        rawConnection.close();
        rawClient.shutdown();
    }

    private RedisCommands<String, String> raw() {
        return rawConnection.sync();
    }

    private String keyspaceFlags() {
        return raw().configGet("notify-keyspace-events").get("notify-keyspace-events");
    }

    private RedisRemote asCarol(String flags) {
        raw().configSet("notify-keyspace-events", flags);
        raw().aclSetuser("carol", AclSetuserArgs.Builder.on().addPassword("pw").allKeys().allChannels()
                .allCommands().removeCommand(CommandType.CONFIG));
        return RedisRemote.of(app, REDIS.server().url("carol", "pw", 0));
    }

    @Test
    void turnsKeyspaceEventsOnWhenTheServerAllowsIt() {
        assertThat(keyspaceFlags()).isEmpty();
        RedisRemote.of(app).knowledge();
        assertThat(keyspaceFlags()).contains("K").contains("A");
    }

    @Test
    void failsSayingWhatToConfigure_whenEventsAreOffAndConfigIsRefused() {
        RedisRemote carol = asCarol("");
        assertThatThrownBy(carol::knowledge)
                .isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("does not publish keyspace events")
                .hasMessageContaining("notify-keyspace-events KEA")
                .hasMessageContaining("NOPERM");
    }

    @Test
    void worksWithoutConfigRights_whenEventsAreOnAlready() {
        Knowledge k = asCarol("KEA").knowledge().knowledge(Scope.loop("car_a"));
        List<KnowledgeEvent> seen = new CopyOnWriteArrayList<>();
        k.changes("*").subscribe(seen::add);
        k.put("speed", 90);
        await().until(() -> seen.size() == 1);
        assertThat(seen.get(0)).isEqualTo(KnowledgeEvent.of(Scope.loop("car_a"), "speed", "set"));
    }

    @Test
    void keysAndValuesAreThoseOfPyMape_sharedWithOtherClients() {
        RedisKnowledgeBackend backend = RedisRemote.of(app).knowledge();
        Knowledge loop = backend.knowledge(Scope.loop("car_a"));
        Knowledge level = backend.knowledge(Scope.level("city"));
        loop.put("speed_limit", 80);
        level.map("fleet", Car.class).put("a", new Car("a", 90));

        assertThat(raw().get("k.loop.car_a.speed_limit")).isEqualTo("80");
        assertThat(raw().hget("k.level.city.fleet", "a")).isEqualTo("{\"id\":\"a\",\"speed\":90}");

        raw().hset("k.level.city.fleet", "b", "{\"id\":\"b\",\"speed\":120}");
        raw().rpush("k.app.arrivals", "\"car_c\"");
        assertThat(level.map("fleet", Car.class).get("b")).isEqualTo(new Car("b", 120));
        assertThat(backend.knowledge(Scope.app()).queue("arrivals", String.class).poll()).isEqualTo("car_c");
    }

    @Test
    void changesMadeByAnotherClientAreSeen() {
        Knowledge k = RedisRemote.of(app).knowledge().knowledge(Scope.loop("car_a"));
        List<String> seen = new CopyOnWriteArrayList<>();
        k.changes("*").subscribe(e -> seen.add(e.name() + ":" + e.command()));
        raw().set("k.loop.car_a.speed", "90");
        raw().sadd("k.loop.car_a.tags", "\"fast\"");
        raw().set("k.loop.car_b.speed", "10");
        raw().del("k.loop.car_a.speed");
        await().until(() -> seen.size() == 3);
        assertThat(seen).containsExactly("speed:set", "tags:sadd", "speed:del");
    }

    @Test
    void theLockHoldsARandomOwnerTokenThatOnlyItsOwnerCanFreeOrRenew() {
        Knowledge k = RedisRemote.of(app).knowledge().knowledge(Scope.loop("car_a"));
        KLock a = k.lock("mutex");
        KLock b = k.lock("mutex");
        assertThat(a.tryLock(Duration.ofSeconds(2))).isTrue();
        String tokenA = raw().get("k.loop.car_a.mutex");
        assertThat(tokenA).matches("\"[0-9a-f-]{36}\"");

        assertThat(b.unlock()).isFalse();
        assertThat(b.extend(Duration.ofMinutes(1))).isFalse();
        assertThat(raw().pttl("k.loop.car_a.mutex")).isLessThanOrEqualTo(2000);
        assertThat(a.extend(Duration.ofMinutes(1))).isTrue();
        assertThat(raw().pttl("k.loop.car_a.mutex")).isGreaterThan(50_000);

        assertThat(a.unlock()).isTrue();
        assertThat(b.tryLock(Duration.ofSeconds(2))).isTrue();
        assertThat(raw().get("k.loop.car_a.mutex")).isNotEqualTo(tokenA);
        assertThat(a.isHeld()).isFalse();
        assertThat(b.isHeld()).isTrue();
    }

    @Test
    void appsWithARedisBackendShareTheirKnowledge() {
        MapeConfig config = MapeConfig.builder().redisUrl(REDIS.server().url()).build();
        try (App car = App.builder().config(config).knowledge(a -> RedisRemote.of(a).knowledge()).build();
                App station = App.builder().config(config).knowledge(a -> RedisRemote.of(a).knowledge()).build()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            station.k().changes("car_*").subscribe(e -> seen.add(e.name() + ":" + e.command()));
            car.k().put("car_a", new Car("a", 90));
            car.loop("car_a").k().put("speed_limit", 80);

            await().until(() -> seen.equals(List.of("car_a:set")));
            assertThat(station.k().get("car_a", Car.class)).isEqualTo(new Car("a", 90));
            assertThat(station.loop("car_a").k().get("speed_limit", Integer.class)).isEqualTo(80);
            assertThat(station.knowledgeBackend()).isSameAs(RedisRemote.of(station).knowledge());
        }
    }

    @Test
    void unrelatedSystemsKeepApartByNamespaceWhilePyMapesKeysStayTheDefault() {
        String url = REDIS.server().url();
        MapeConfig traffic = MapeConfig.builder().redisUrl(url).set("knowledge.namespace", "traffic").build();
        MapeConfig plain = MapeConfig.builder().redisUrl(url).build();
        try (App city = App.builder().config(traffic).knowledge(a -> RedisRemote.of(a).knowledge()).build();
                App cityPeer = App.builder().config(traffic).knowledge(a -> RedisRemote.of(a).knowledge()).build();
                App other = App.builder().config(plain).knowledge(a -> RedisRemote.of(a).knowledge()).build()) {
            city.k().put("speed_limit", 50);
            other.k().put("speed_limit", 130);

            assertThat(raw().get("traffic:k.app.speed_limit")).isEqualTo("50");
            assertThat(raw().get("k.app.speed_limit")).isEqualTo("130");
            assertThat(cityPeer.k().get("speed_limit", Integer.class)).isEqualTo(50);
            assertThat(other.k().get("speed_limit", Integer.class)).isEqualTo(130);
            assertThat(city.k().keys("*")).containsExactly("speed_limit");
            try (RedisKnowledgeBackend pyMape = RedisKnowledgeBackend.builder(RedisRemote.of(city)).namespace("")
                    .build()) {
                assertThat(pyMape.knowledge(Scope.app()).get("speed_limit", Integer.class)).isEqualTo(130);
            }
        } finally {
            raw().del("traffic:k.app.speed_limit", "k.app.speed_limit");
        }
    }
}
