package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.mape.remote.ChannelPattern;
import io.mape.test.redis.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The table of Redis's glob rules that {@link ChannelPattern} follows, checked against a real redis-server: a
 * client {@code PSUBSCRIBE}s the pattern, and {@code PUBLISH} on the channel answers how many received it.
 */
class ChannelPatternRedisIT {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.any();

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> pub;
    private static StatefulRedisPubSubConnection<String, String> sub;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(REDIS.server().url());
        pub = client.connect();
        sub = client.connectPubSub();
    }

    @AfterAll
    static void disconnect() {
        sub.close();
        pub.close();
        client.shutdown();
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @MethodSource("io.mape.remote.tck.ChannelPatternTable#rows")
    void redisMatchesAsTheTableSays_andSoDoesChannelPattern(String pattern, String channel, boolean expected) {
        sub.sync().psubscribe(pattern);
        try {
            await().until(() -> pub.sync().pubsubNumpat() == 1);
            assertThat(pub.sync().publish(channel, "x")).as("Redis").isEqualTo(expected ? 1L : 0L);
            assertThat(ChannelPattern.of(pattern).matches(channel)).as("ChannelPattern").isEqualTo(expected);
        } finally {
            sub.sync().punsubscribe(pattern);
            await().until(() -> pub.sync().pubsubNumpat() == 0);
        }
    }
}
