package io.mape.remote.redis;

import io.mape.App;
import io.mape.remote.Transport;
import io.mape.test.redis.RedisExtension;
import io.mape.remote.tck.ServerTransportTck;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis pub/sub passes the transport TCK against a redis-server of its own, killed with SIGKILL and restarted. */
class RedisTransportTckIT extends ServerTransportTck {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.owned();

    @Override
    protected Transport transport(App app) {
        return RedisTransport.builder(app).url(REDIS.server().url()).build();
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
