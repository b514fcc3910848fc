package io.mape.knowledge.internal;

import io.mape.knowledge.KCollection;
import io.mape.knowledge.TypeRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** What the in-memory collections share: their key, their Redis type, and the codec of their values. */
abstract class Handle<V> implements KCollection {

    final InMemoryStore store;
    final InMemoryKnowledge owner;
    final String name;
    final String key;
    final TypeRef<V> type;
    final InMemoryStore.Type redisType;

    Handle(InMemoryKnowledge owner, String name, TypeRef<V> type, InMemoryStore.Type redisType) {
        this.owner = owner;
        this.store = owner.store();
        this.name = name;
        this.key = owner.key(name);
        this.type = Objects.requireNonNull(type, "type");
        this.redisType = redisType;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String key() {
        return key;
    }

    String encode(V value) {
        return store.encode(Objects.requireNonNull(value, "value"));
    }

    @SuppressWarnings("unchecked")
    V decode(String json) {
        return (V) store.decode(json, type.type());
    }

    List<V> decodeAll(Collection<String> jsons) {
        List<V> out = new ArrayList<>(jsons.size());
        for (String j : jsons) {
            out.add(decode(j));
        }
        return out;
    }

    /** The entry of this key, or null; WRONGTYPE if it holds another type. Under the store lock. */
    InMemoryStore.Entry entry() {
        return store.typed(key, redisType);
    }

    abstract int sizeOf(Object value);

    @Override
    public long size() {
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e == null ? 0L : sizeOf(e.value);
        });
    }

    @Override
    public boolean clear() {
        return store.call(() -> store.delete(key));
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
        return Async.of(this::size);
    }

    @Override
    public CompletionStage<Boolean> clearAsync() {
        return Async.of(this::clear);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + key + "]";
    }
}
