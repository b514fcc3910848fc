package io.mape.remote.redis.internal;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.mape.knowledge.KQueue;
import io.mape.knowledge.TypeRef;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A FIFO or LIFO queue on a Redis list: offer RPUSH; FIFO takes LPOP / BLPOP from the head, LIFO RPOP / BRPOP from
 * the tail. A blocking take runs on a connection of its own.
 */
final class RedisQueue<V> extends RedisHandle<V> implements KQueue<V> {

    private final boolean fifo;

    RedisQueue(RedisKnowledge owner, String name, TypeRef<V> type, boolean fifo) {
        super(owner, name, type);
        this.fifo = fifo;
    }

    @Override
    RedisFuture<Long> sizeCommand(RedisClusterAsyncCommands<String, byte[]> c) {
        return c.llen(key);
    }

    @Override
    public long offer(V value) {
        return await(offerAsync(value));
    }

    @Override
    public V poll() {
        return await(pollAsync());
    }

    @Override
    public V take(Duration timeout) {
        RedisStore.Blocked<KeyValue<String, byte[]>> b = store.block(key, timeout, this::blockingPop);
        return valueOf(store.await(b, key, kv -> call(c -> fifo ? c.lpush(key, kv.getValue())
                : c.rpush(key, kv.getValue()), n -> n)));
    }

    @Override
    public V peek() {
        return await(peekAsync());
    }

    @Override
    public CompletionStage<Long> offerAsync(V value) {
        byte[] json = encode(value);
        return call(c -> c.rpush(key, json), n -> n);
    }

    @Override
    public CompletionStage<V> pollAsync() {
        return call(c -> fifo ? c.lpop(key) : c.rpop(key), this::decode);
    }

    @Override
    public CompletionStage<V> takeAsync(Duration timeout) {
        return store.block(key, timeout, this::blockingPop).result().thenApply(this::valueOf);
    }

    @Override
    public CompletionStage<V> peekAsync() {
        return call(c -> c.lindex(key, fifo ? 0 : -1), this::decode);
    }

    private RedisFuture<KeyValue<String, byte[]>> blockingPop(RedisClusterAsyncCommands<String, byte[]> c, double seconds) {
        return fifo ? c.blpop(seconds, key) : c.brpop(seconds, key);
    }

    private V valueOf(KeyValue<String, byte[]> kv) {
        return kv == null || !kv.hasValue() ? null : decode(kv.getValue());
    }
}
