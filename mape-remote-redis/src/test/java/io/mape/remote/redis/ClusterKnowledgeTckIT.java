package io.mape.remote.redis;

import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.knowledge.spi.KnowledgeBackend;
import io.mape.knowledge.tck.KnowledgeTck;
import io.mape.remote.redis.testing.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Knowledge TCK on a real 3-primary Redis Cluster: commands routed by key slot, keyspace events from every
 * primary, blocking takes on the node of their key, keys listed across the nodes.
 */
class ClusterKnowledgeTckIT extends KnowledgeTck {

    @RegisterExtension
    static final RedisCluster CLUSTER = RedisCluster.threePrimaries();

    private static App app;
    private static RedisRemote remote;

    @BeforeAll
    static void connect() {
        app = App.create(MapeConfig.builder().redisUrl(CLUSTER.url()).build());
        remote = RedisRemote.of(app);
    }

    @AfterAll
    static void disconnect() {
        app.close();
    }

    @Override
    protected boolean changesOrderedAcrossKeys() {
        return false;
    }

    @Override
    protected KnowledgeBackend createBackend() {
        return RedisKnowledgeBackend.create(remote);
    }

    @Override
    protected KnowledgeBackend createBackend(String namespace) {
        return RedisKnowledgeBackend.builder(remote).namespace(namespace).build();
    }
}
