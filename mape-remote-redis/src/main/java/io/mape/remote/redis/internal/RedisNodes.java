package io.mape.remote.redis.internal;

import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.List;

/**
 * The command connection of a remote and the way to its nodes, alike on one server, a sentinel-managed primary
 * ({@link SingleNode}) and a Redis Cluster ({@link ClusterNodes}). A node is named by a string: {@code ""} for the
 * one server, {@code host:port} in a cluster. Thread-safe.
 */
public interface RedisNodes {

    /** The connection every non-blocking command goes on (routed by key slot in a cluster). */
    StatefulConnection<String, byte[]> connection();

    /** The commands of {@link #connection()}. */
    RedisClusterAsyncCommands<String, byte[]> commands();

    /** The node that serves {@code key}. */
    String nodeOf(String key);

    /** The primaries, to run a server command on each (CONFIG of keyspace events). */
    List<String> primaries();

    /** Commands that go to {@code node} alone, over a connection the remote shares (never blocking ones). */
    RedisClusterAsyncCommands<String, byte[]> on(String node);

    /** A new connection to {@code node}, for a blocking pop; the caller closes it. */
    StatefulRedisConnection<String, byte[]> connectTo(String node);

    /** Tells {@code listener} of every connection to any node coming back. */
    void addListener(RedisConnectionStateListener listener);

    void removeListener(RedisConnectionStateListener listener);
}
