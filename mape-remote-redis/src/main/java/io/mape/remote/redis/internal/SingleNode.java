package io.mape.remote.redis.internal;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.List;
import java.util.function.Supplier;

/** One server, or the primary that the sentinels name (Lettuce asks them again on each reconnect). Thread-safe. */
public final class SingleNode implements RedisNodes {

    private final StatefulRedisConnection<String, byte[]> connection;
    private final Supplier<StatefulRedisConnection<String, byte[]>> connect;

    /**
     * @param connection the command connection
     * @param connect    makes a new connection with the client's options
     */
    public SingleNode(StatefulRedisConnection<String, byte[]> connection,
            Supplier<StatefulRedisConnection<String, byte[]>> connect) {
        this.connection = connection;
        this.connect = connect;
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
        return "";
    }

    @Override
    public List<String> primaries() {
        return List.of("");
    }

    @Override
    public RedisClusterAsyncCommands<String, byte[]> on(String node) {
        return connection.async();
    }

    @Override
    public StatefulRedisConnection<String, byte[]> connectTo(String node) {
        return connect.get();
    }

    @Override
    public void addListener(RedisConnectionStateListener listener) {
        ((RedisChannelHandler<?, ?>) connection).addListener(listener);
    }

    @Override
    public void removeListener(RedisConnectionStateListener listener) {
        ((RedisChannelHandler<?, ?>) connection).removeListener(listener);
    }
}
