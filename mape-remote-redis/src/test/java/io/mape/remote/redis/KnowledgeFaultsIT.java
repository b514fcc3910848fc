package io.mape.remote.redis;

import io.mape.test.redis.RedisExtension;
import io.mape.test.redis.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link KnowledgeFaultsTests} on a Redis of its own: the PATH's first (Debian's 7 on these machines). */
class KnowledgeFaultsIT extends KnowledgeFaultsTests {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.owned();

    @Override
    RedisServer server() {
        return REDIS.server();
    }
}
