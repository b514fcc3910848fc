package io.mape.remote.redis.internal;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.mape.knowledge.TypeRef;
import io.mape.knowledge.spi.KeyCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** What the Redis collections share: their key, the codec of their values, size and clear. */
abstract class RedisHandle<V> extends KeyCollection {

    final RedisStore store;
    final TypeRef<V> type;

    RedisHandle(RedisKnowledge owner, String name, TypeRef<V> type) {
        super(owner, name);
        this.store = owner.store();
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The command that counts the elements: HLEN, SCARD, LLEN or ZCARD. */
    abstract RedisFuture<Long> sizeCommand(RedisClusterAsyncCommands<String, byte[]> c);

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

    <R, T> CompletionStage<T> call(Function<RedisClusterAsyncCommands<String, byte[]>, RedisFuture<R>> command,
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
    public CompletionStage<Long> sizeAsync() {
        return call(this::sizeCommand, n -> n);
    }

    @Override
    public CompletionStage<Boolean> clearAsync() {
        return call(c -> c.del(key), n -> n > 0);
    }
}
