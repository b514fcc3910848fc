package io.mape.remote.redis;

import io.mape.App;
import io.mape.remote.Transport;
import io.mape.remote.redis.testing.RedisCluster;
import io.mape.remote.tck.TransportTck;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis Streams passes the transport TCK on a real 3-primary Redis Cluster: each stream is appended to, read and
 * acknowledged on the primary of its slot, and a pattern's streams are found by a {@code SCAN} of every primary.
 */
class ClusterStreamsTransportTckIT extends TransportTck {

    @RegisterExtension
    static final RedisCluster CLUSTER = RedisCluster.threePrimaries();

    @Override
    protected Transport transport(App app) {
        return RedisStreamsTransport.builder(app).url(CLUSTER.url())
                .streamsOptions(RedisStreamsOptions.builder().patternRefresh(Duration.ofMillis(200)).build())
                .build();
    }
}
