package io.mape.remote.redis;

import io.mape.App;
import io.mape.remote.Transport;
import io.mape.remote.redis.testing.RedisCluster;
import io.mape.remote.tck.TransportTck;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis pub/sub passes the transport TCK on a real 3-primary Redis Cluster: classic {@code PUBLISH} reaches every
 * node over the cluster bus, and a source's {@code PSUBSCRIBE} on one node hears the channels of every slot.
 */
class ClusterTransportTckIT extends TransportTck {

    @RegisterExtension
    static final RedisCluster CLUSTER = RedisCluster.threePrimaries();

    @Override
    protected Transport transport(App app) {
        return RedisTransport.builder(app).url(CLUSTER.url()).build();
    }
}
