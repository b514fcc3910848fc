package io.mape.knowledge.internal;

import io.mape.knowledge.TypeRef;
import io.mape.knowledge.spi.KeyCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** What the in-memory collections share: their key, their Redis type, and the codec of their values. */
abstract class Handle<V> extends KeyCollection {

    final InMemoryStore store;
    final InMemoryKnowledge owner;
    final TypeRef<V> type;
    final InMemoryStore.Type redisType;

    Handle(InMemoryKnowledge owner, String name, TypeRef<V> type, InMemoryStore.Type redisType) {
        super(owner, name);
        this.owner = owner;
        this.store = owner.store();
        this.type = Objects.requireNonNull(type, "type");
        this.redisType = redisType;
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
    public CompletionStage<Long> sizeAsync() {
        return Async.of(this::size);
    }

    @Override
    public CompletionStage<Boolean> clearAsync() {
        return Async.of(this::clear);
    }
}
