package io.mape.remote.redis.internal;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.mape.knowledge.KSet;
import io.mape.knowledge.TypeRef;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A Redis set of JSON documents. */
final class RedisSet<V> extends RedisHandle<V> implements KSet<V> {

    RedisSet(RedisKnowledge owner, String name, TypeRef<V> type) {
        super(owner, name, type);
    }

    @Override
    RedisFuture<Long> sizeCommand(RedisClusterAsyncCommands<String, byte[]> c) {
        return c.scard(key);
    }

    @Override
    public boolean add(V value) {
        return await(addAsync(value));
    }

    @Override
    public long addAll(Collection<? extends V> values) {
        return await(addAllAsync(values));
    }

    @Override
    public boolean remove(V value) {
        return await(removeAsync(value));
    }

    @Override
    public boolean contains(V value) {
        return await(containsAsync(value));
    }

    @Override
    public Set<V> members() {
        return await(membersAsync());
    }

    @Override
    public CompletionStage<Boolean> addAsync(V value) {
        byte[] json = encode(value);
        return call(c -> c.sadd(key, json), n -> n > 0);
    }

    @Override
    public CompletionStage<Long> addAllAsync(Collection<? extends V> values) {
        byte[][] jsons = values.stream().map(this::encode).toArray(byte[][]::new);
        if (jsons.length == 0) {
            return CompletableFuture.completedFuture(0L);
        }
        return call(c -> c.sadd(key, jsons), n -> n);
    }

    @Override
    public CompletionStage<Boolean> removeAsync(V value) {
        byte[] json = encode(value);
        return call(c -> c.srem(key, json), n -> n > 0);
    }

    @Override
    public CompletionStage<Boolean> containsAsync(V value) {
        byte[] json = encode(value);
        return call(c -> c.sismember(key, json), b -> b);
    }

    @Override
    public CompletionStage<Set<V>> membersAsync() {
        return call(c -> c.smembers(key), jsons -> new LinkedHashSet<>(decodeAll(jsons)));
    }
}
