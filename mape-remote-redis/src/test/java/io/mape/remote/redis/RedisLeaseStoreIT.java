package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mape.remote.RemoteUnavailableException;
import io.mape.test.redis.RedisExtension;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis lease: one owner at a time, renewed and released only by its owner, tokens rising even past a flush. */
class RedisLeaseStoreIT {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.any();

    private static final Duration TTL = Duration.ofSeconds(30);

    private RedisLeaseStore store;
    private RedisClient client;
    private StatefulRedisConnection<String, String> redis;

    @BeforeEach
    void open() {
        store = RedisLeaseStore.builder(REDIS.server().url()).build();
        client = RedisClient.create(REDIS.server().url());
        redis = client.connect();
        redis.sync().del("lease", "lease:fencing");
    }

    @AfterEach
    void close() {
        store.close();
        redis.close();
        client.shutdown();
    }

    @Test
    void oneOwnerAtATimeRenewedAndReleasedOnlyByItsOwner() {
        OptionalLong a = store.acquire("lease", "a", TTL);
        assertThat(a).isPresent();
        assertThat(store.acquire("lease", "b", TTL)).isEmpty();
        assertThat(store.renew("lease", "b", TTL)).isFalse();
        assertThat(store.renew("lease", "a", TTL)).isTrue();
        store.release("lease", "b");
        assertThat(redis.sync().get("lease")).isEqualTo("a");
        assertThat(redis.sync().pttl("lease")).isGreaterThan(TTL.toMillis() - 5000);

        store.release("lease", "a");
        OptionalLong b = store.acquire("lease", "b", TTL);
        assertThat(b.getAsLong()).isGreaterThan(a.getAsLong());
        assertThat(store.renew("lease", "a", TTL)).isFalse();
    }

    @Test
    void anExpiredLeaseGoesToTheNextOwner() {
        OptionalLong a = store.acquire("lease", "a", Duration.ofMillis(100));
        OptionalLong b = await().pollInterval(Duration.ofMillis(20))
                .until(() -> store.acquire("lease", "b", TTL), OptionalLong::isPresent);
        assertThat(b.getAsLong()).isGreaterThan(a.getAsLong());
    }

    /** A restart takes longer than a millisecond; the wait stands for it. */
    @Test
    void tokensKeepRisingWhenRedisLosesTheCounter() {
        long before = store.acquire("lease", "a", TTL).getAsLong();
        redis.sync().del("lease", "lease:fencing");   // what a restart without persistence does
        await("Redis's clock past the first token").pollInterval(Duration.ofMillis(1)).until(() -> {
            var t = redis.sync().time();
            return Long.parseLong(t.get(0)) * 1000 + Long.parseLong(t.get(1)) / 1000 > before;
        });
        long after = store.acquire("lease", "b", TTL).getAsLong();
        assertThat(after).isGreaterThan(before);
    }

    @Test
    void noRedisIsARemoteUnavailableExceptionAtStart() {
        assertThatThrownBy(() -> RedisLeaseStore.builder("redis://127.0.0.1:1/0").build())
                .isInstanceOf(RemoteUnavailableException.class).hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void ofARemoteWithAPassword_connectsWithThatPassword_notTheRedactedOne() {
        redis.sync().aclSetuser("lease_user", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("s3cret")
                .allCommands().allKeys());
        try (io.mape.App app = io.mape.App.create(io.mape.config.MapeConfig.builder()
                .redisUrl(REDIS.server().url("lease_user", "s3cret", 0)).build())) {
            RedisLeaseStore leases = RedisLeaseStore.of(RedisRemote.of(app));
            assertThat(leases.acquire("lease", "a", TTL)).isPresent();
            assertThat(leases.toString()).doesNotContain("s3cret");
        } finally {
            redis.sync().aclDeluser("lease_user");
        }
    }
}
