package io.mape.remote.redis.internal;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.RedisCodec;
import io.mape.remote.RemoteUnavailableException;
import java.util.List;

/**
 * A Redis Cluster: commands routed by key slot over one cluster connection; a blocking pop on a plain connection of
 * its own to the primary of its key's slot (made by {@code nodeClient} with the seed's credentials), so that
 * {@code CLIENT UNBLOCK} can reach it on the same node. A pop follows no slot migration under way. Thread-safe.
 */
public final class ClusterNodes implements RedisNodes {

    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<String, byte[]> connection;
    private final RedisClient nodeClient;
    private final RedisURI seed;
    private final RedisCodec<String, byte[]> codec;
    private final String where;

    public ClusterNodes(RedisClusterClient client, StatefulRedisClusterConnection<String, byte[]> connection,
            RedisClient nodeClient, RedisURI seed, RedisCodec<String, byte[]> codec, String where) {
        this.client = client;
        this.connection = connection;
        this.nodeClient = nodeClient;
        this.seed = seed;
        this.codec = codec;
        this.where = where;
    }

    @Override
    public StatefulConnection<String, byte[]> connection() {
        return connection;
    }

    @Override
    public RedisClusterAsyncCommands<String, byte[]> commands() {
        return connection.async();
    }

    @Override
    public String nodeOf(String key) {
        RedisClusterNode n = connection.getPartitions().getPartitionBySlot(SlotHash.getSlot(key));
        if (n == null) {
            throw new RemoteUnavailableException("no primary of the Redis Cluster at " + where + " serves the slot "
                    + "of '" + key + "' now", null);
        }
        return name(n);
    }

    @Override
    public List<String> primaries() {
        return connection.getPartitions().stream().filter(n -> n.is(RedisClusterNode.NodeFlag.UPSTREAM))
                .map(ClusterNodes::name).toList();
    }

    @Override
    public RedisClusterAsyncCommands<String, byte[]> on(String node) {
        int colon = node.lastIndexOf(':');
        return connection.getConnection(node.substring(0, colon), Integer.parseInt(node.substring(colon + 1))).async();
    }

    @Override
    public StatefulRedisConnection<String, byte[]> connectTo(String node) {
        int colon = node.lastIndexOf(':');
        RedisURI uri = RedisURI.builder(seed).withHost(node.substring(0, colon))
                .withPort(Integer.parseInt(node.substring(colon + 1))).build();
        try {
            return nodeClient.connect(codec, uri);
        } catch (RedisException e) {
            throw new RemoteUnavailableException("cannot connect to the cluster node " + node + " of " + where, e);
        }
    }

    @Override
    public void addListener(RedisConnectionStateListener listener) {
        client.addListener(listener);
    }

    @Override
    public void removeListener(RedisConnectionStateListener listener) {
        client.removeListener(listener);
    }

    private static String name(RedisClusterNode n) {
        return n.getUri().getHost() + ":" + n.getUri().getPort();
    }
}
