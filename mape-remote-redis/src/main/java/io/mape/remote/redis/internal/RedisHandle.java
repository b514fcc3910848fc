package io.mape.remote.redis.internal;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.mape.knowledge.KCollection;
import io.mape.knowledge.TypeRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** What the Redis collections share: their key, the codec of their values, size and clear. */
abstract class RedisHandle<V> implements KCollection {

    final RedisStore store;
    final RedisKnowledge owner;
    final String name;
    final String key;
    final TypeRef<V> type;

    RedisHandle(RedisKnowledge owner, String name, TypeRef<V> type) {
        this.store = owner.store();
        this.owner = owner;
        this.name = name;
        this.key = owner.key(name);
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The command that counts the elements: HLEN, SCARD, LLEN or ZCARD. */
    abstract RedisFuture<Long> sizeCommand(RedisAsyncCommands<String, byte[]> c);

    @Override
    public String name() {
        return name;
    }

    @Override
    public String key() {
        return key;
    }

    byte[] encode(V value) {
        return store.encode(Objects.requireNonNull(value, "value"));
    }

    @SuppressWarnings("unchecked")
    V decode(byte[] json) {
        return (V) store.decode(json, type.type());
    }

    List<V> decodeAll(Collection<byte[]> jsons) {
        List<V> out = new ArrayList<>(jsons.size());
        for (byte[] j : jsons) {
            out.add(decode(j));
        }
        return out;
    }

    <R, T> CompletionStage<T> call(Function<RedisAsyncCommands<String, byte[]>, RedisFuture<R>> command,
            Function<? super R, ? extends T> then) {
        return store.call(command, then);
    }

    <T> T await(CompletionStage<T> stage) {
        return store.await(stage);
    }

    @Override
    public long size() {
        return await(sizeAsync());
    }

    @Override
    public boolean clear() {
        return await(clearAsync());
    }

    @Override
    public boolean expire(Duration ttl) {
        return owner.expire(name, ttl);
    }

    @Override
    public Optional<Duration> ttl() {
        return owner.ttl(name);
    }

    @Override
    public boolean persist() {
        return owner.persist(name);
    }

    @Override
    public CompletionStage<Boolean> expireAsync(Duration ttl) {
        return owner.expireAsync(name, ttl);
    }

    @Override
    public CompletionStage<Optional<Duration>> ttlAsync() {
        return owner.ttlAsync(name);
    }

    @Override
    public CompletionStage<Boolean> persistAsync() {
        return owner.persistAsync(name);
    }

    @Override
    public CompletionStage<Long> sizeAsync() {
        return call(this::sizeCommand, n -> n);
    }

    @Override
    public CompletionStage<Boolean> clearAsync() {
        return call(c -> c.del(key), n -> n > 0);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + key + "]";
    }
}
