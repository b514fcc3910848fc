package io.mape.remote.redis;

import io.mape.App;
import io.mape.remote.Transport;
import io.mape.test.redis.RedisExtension;
import io.mape.remote.tck.ServerTransportTck;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis Streams passes the transport TCK against a redis-server of its own, killed with SIGKILL and restarted. */
class RedisStreamsTransportTckIT extends ServerTransportTck {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.owned();

    @Override
    protected Transport transport(App app) {
        return RedisStreamsTransport.builder(app).url(REDIS.server().url())
                .streamsOptions(RedisStreamsOptions.builder().patternRefresh(Duration.ofMillis(200)).build())
                .build();
    }

    @Override
    protected void killServer() {
        REDIS.server().kill();
    }

    @Override
    protected void restartServer() {
        REDIS.server().start();
    }
}
