package io.mape.remote.redis.internal;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.mape.knowledge.KMap;
import io.mape.knowledge.TypeRef;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A Redis hash whose field values are JSON. */
final class RedisMap<V> extends RedisHandle<V> implements KMap<V> {

    RedisMap(RedisKnowledge owner, String name, TypeRef<V> type) {
        super(owner, name, type);
    }

    @Override
    RedisFuture<Long> sizeCommand(RedisClusterAsyncCommands<String, byte[]> c) {
        return c.hlen(key);
    }

    @Override
    public boolean put(String field, V value) {
        return await(putAsync(field, value));
    }

    @Override
    public void putAll(Map<String, ? extends V> entries) {
        await(putAllAsync(entries));
    }

    @Override
    public V get(String field) {
        return await(getAsync(field));
    }

    @Override
    public boolean remove(String field) {
        return await(removeAsync(field));
    }

    @Override
    public boolean containsKey(String field) {
        return await(containsKeyAsync(field));
    }

    @Override
    public Set<String> keys() {
        return await(keysAsync());
    }

    @Override
    public List<V> values() {
        return await(valuesAsync());
    }

    @Override
    public Map<String, V> entries() {
        return await(entriesAsync());
    }

    @Override
    public boolean putIfAbsent(String field, V value) {
        return await(putIfAbsentAsync(field, value));
    }

    @Override
    public long increment(String field, long delta) {
        return await(incrementAsync(field, delta));
    }

    @Override
    public CompletionStage<Boolean> putIfAbsentAsync(String field, V value) {
        Objects.requireNonNull(field, "field");
        byte[] json = encode(value);
        return call(c -> c.hsetnx(key, field, json), added -> added);
    }

    @Override
    public CompletionStage<Long> incrementAsync(String field, long delta) {
        Objects.requireNonNull(field, "field");
        return call(c -> c.hincrby(key, field, delta), n -> n);
    }

    @Override
    public CompletionStage<Boolean> putAsync(String field, V value) {
        Objects.requireNonNull(field, "field");
        byte[] json = encode(value);
        return call(c -> c.hset(key, field, json), added -> added);
    }

    @Override
    public CompletionStage<Void> putAllAsync(Map<String, ? extends V> entries) {
        Map<String, byte[]> jsons = new LinkedHashMap<>();
        entries.forEach((f, v) -> jsons.put(Objects.requireNonNull(f, "field"), encode(v)));
        if (jsons.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return call(c -> c.hset(key, jsons), n -> null);
    }

    @Override
    public CompletionStage<V> getAsync(String field) {
        Objects.requireNonNull(field, "field");
        return call(c -> c.hget(key, field), this::decode);
    }

    @Override
    public CompletionStage<Boolean> removeAsync(String field) {
        Objects.requireNonNull(field, "field");
        return call(c -> c.hdel(key, field), n -> n > 0);
    }

    @Override
    public CompletionStage<Boolean> containsKeyAsync(String field) {
        Objects.requireNonNull(field, "field");
        return call(c -> c.hexists(key, field), b -> b);
    }

    @Override
    public CompletionStage<Set<String>> keysAsync() {
        return call(c -> c.hkeys(key), LinkedHashSet::new);
    }

    @Override
    public CompletionStage<List<V>> valuesAsync() {
        return call(c -> c.hvals(key), this::decodeAll);
    }

    @Override
    public CompletionStage<Map<String, V>> entriesAsync() {
        return call(c -> c.hgetall(key), all -> {
            Map<String, V> out = new LinkedHashMap<>();
            all.forEach((f, json) -> out.put(f, decode(json)));
            return out;
        });
    }
}
