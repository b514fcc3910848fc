package io.mape.remote.redis;

import io.mape.test.redis.RedisExtension;
import io.mape.test.redis.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link KnowledgeFaultsTests} on a Redis of its own: the Redis 6.2 binary shipped in the embedded-redis test artifact. */
class KnowledgeFaultsShippedIT extends KnowledgeFaultsTests {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.shipped();

    @Override
    RedisServer server() {
        return REDIS.server();
    }
}
