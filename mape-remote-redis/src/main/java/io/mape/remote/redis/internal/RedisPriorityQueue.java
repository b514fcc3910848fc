package io.mape.remote.redis.internal;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.mape.knowledge.KPriorityQueue;
import io.mape.knowledge.Scored;
import io.mape.knowledge.TypeRef;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** A priority queue on a Redis sorted set: ZADD, ZPOPMIN, BZPOPMIN (on a connection of its own). */
final class RedisPriorityQueue<V> extends RedisHandle<V> implements KPriorityQueue<V> {

    private final RedisSortedSet<V> zset;

    RedisPriorityQueue(RedisKnowledge owner, String name, TypeRef<V> type) {
        super(owner, name, type);
        this.zset = new RedisSortedSet<>(owner, name, type);
    }

    @Override
    RedisFuture<Long> sizeCommand(RedisClusterAsyncCommands<String, byte[]> c) {
        return c.zcard(key);
    }

    @Override
    public boolean offer(V value, double priority) {
        return zset.add(value, priority);
    }

    @Override
    public V poll() {
        return await(pollAsync());
    }

    @Override
    public V take(Duration timeout) {
        RedisStore.Blocked<KeyValue<String, ScoredValue<byte[]>>> b = store.block(key, timeout,
                (c, seconds) -> c.bzpopmin(seconds, key));
        return valueOf(store.await(b, key, kv -> call(c -> c.zadd(key, kv.getValue().getScore(),
                kv.getValue().getValue()), n -> n)));
    }

    @Override
    public Scored<V> peek() {
        return await(peekAsync());
    }

    @Override
    public CompletionStage<Boolean> offerAsync(V value, double priority) {
        return zset.addAsync(value, priority);
    }

    @Override
    public CompletionStage<V> pollAsync() {
        return zset.popMinAsync().thenApply(s -> s == null ? null : s.value());
    }

    @Override
    public CompletionStage<V> takeAsync(Duration timeout) {
        return store.block(key, timeout, (c, seconds) -> c.bzpopmin(seconds, key)).result().thenApply(this::valueOf);
    }

    @Override
    public CompletionStage<Scored<V>> peekAsync() {
        return zset.rangeWithScoresAsync(0, 0).thenApply(l -> l.isEmpty() ? null : l.get(0));
    }

    private V valueOf(KeyValue<String, ScoredValue<byte[]>> kv) {
        return kv == null || !kv.hasValue() ? null : zset.scored(kv.getValue()).value();
    }
}
