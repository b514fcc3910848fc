package io.mape.remote.redis.internal;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.mape.knowledge.KList;
import io.mape.knowledge.TypeRef;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** A Redis list of JSON documents. */
final class RedisList<V> extends RedisHandle<V> implements KList<V> {

    RedisList(RedisKnowledge owner, String name, TypeRef<V> type) {
        super(owner, name, type);
    }

    @Override
    RedisFuture<Long> sizeCommand(RedisClusterAsyncCommands<String, byte[]> c) {
        return c.llen(key);
    }

    @Override
    public long append(V value) {
        return await(appendAsync(value));
    }

    @Override
    public long prepend(V value) {
        return await(prependAsync(value));
    }

    @Override
    public V get(long index) {
        return await(getAsync(index));
    }

    @Override
    public void set(long index, V value) {
        await(setAsync(index, value));
    }

    @Override
    public long remove(V value, long count) {
        return await(removeAsync(value, count));
    }

    @Override
    public V popFirst() {
        return await(popFirstAsync());
    }

    @Override
    public V popLast() {
        return await(popLastAsync());
    }

    @Override
    public List<V> range(long start, long stop) {
        return await(rangeAsync(start, stop));
    }

    @Override
    public CompletionStage<Long> appendAsync(V value) {
        byte[] json = encode(value);
        return call(c -> c.rpush(key, json), n -> n);
    }

    @Override
    public CompletionStage<Long> prependAsync(V value) {
        byte[] json = encode(value);
        return call(c -> c.lpush(key, json), n -> n);
    }

    @Override
    public CompletionStage<V> getAsync(long index) {
        return call(c -> c.lindex(key, index), this::decode);
    }

    @Override
    public CompletionStage<Void> setAsync(long index, V value) {
        byte[] json = encode(value);
        return call(c -> c.lset(key, index, json), ok -> null);
    }

    @Override
    public CompletionStage<Long> removeAsync(V value, long count) {
        byte[] json = encode(value);
        return call(c -> c.lrem(key, count, json), n -> n);
    }

    @Override
    public CompletionStage<V> popFirstAsync() {
        return call(c -> c.lpop(key), this::decode);
    }

    @Override
    public CompletionStage<V> popLastAsync() {
        return call(c -> c.rpop(key), this::decode);
    }

    @Override
    public CompletionStage<List<V>> rangeAsync(long start, long stop) {
        return call(c -> c.lrange(key, start, stop), this::decodeAll);
    }
}
