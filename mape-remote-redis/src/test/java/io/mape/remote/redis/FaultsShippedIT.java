package io.mape.remote.redis;

import io.mape.test.redis.RedisExtension;
import io.mape.test.redis.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link FaultsTests} on the Redis 6.2 binary shipped in the embedded-redis test artifact. */
class FaultsShippedIT extends FaultsTests {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.shipped();

    @Override
    RedisServer server() {
        return REDIS.server();
    }
}
