package io.mape.knowledge.internal;

import io.mape.knowledge.KMap;
import io.mape.knowledge.TypeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** The in-memory Redis hash. */
final class InMemoryMap<V> extends Handle<V> implements KMap<V> {

    InMemoryMap(InMemoryKnowledge owner, String name, TypeRef<V> type) {
        super(owner, name, type, InMemoryStore.Type.HASH);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> hash(InMemoryStore.Entry e) {
        return (Map<String, String>) e.value;
    }

    @Override
    int sizeOf(Object value) {
        return ((Map<?, ?>) value).size();
    }

    private Map<String, String> create() {
        return hash(store.typedOrCreate(key, InMemoryStore.Type.HASH, owner, LinkedHashMap::new));
    }

    @Override
    public boolean put(String field, V value) {
        Objects.requireNonNull(field, "field");
        String json = encode(value);
        return store.call(() -> {
            boolean added = create().put(field, json) == null;
            owner.emit(key, "hset");
            return added;
        });
    }

    @Override
    public void putAll(Map<String, ? extends V> entries) {
        Map<String, String> jsons = new LinkedHashMap<>();
        entries.forEach((f, v) -> jsons.put(Objects.requireNonNull(f, "field"), encode(v)));
        if (jsons.isEmpty()) {
            return;
        }
        store.run(() -> {
            create().putAll(jsons);
            owner.emit(key, "hset");
        });
    }

    @Override
    public V get(String field) {
        Objects.requireNonNull(field, "field");
        return decode(store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e == null ? null : hash(e).get(field);
        }));
    }

    @Override
    public boolean remove(String field) {
        Objects.requireNonNull(field, "field");
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            if (e == null || hash(e).remove(field) == null) {
                return false;
            }
            owner.emit(key, "hdel");
            store.deleteIfEmpty(key, e, hash(e).isEmpty());
            return true;
        });
    }

    @Override
    public boolean containsKey(String field) {
        Objects.requireNonNull(field, "field");
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e != null && hash(e).containsKey(field);
        });
    }

    @Override
    public Set<String> keys() {
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e == null ? new LinkedHashSet<>() : new LinkedHashSet<>(hash(e).keySet());
        });
    }

    @Override
    public List<V> values() {
        return decodeAll(store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e == null ? List.<String>of() : new ArrayList<>(hash(e).values());
        }));
    }

    @Override
    public Map<String, V> entries() {
        Map<String, String> copy = store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e == null ? Map.<String, String>of() : new LinkedHashMap<>(hash(e));
        });
        Map<String, V> out = new LinkedHashMap<>();
        copy.forEach((f, j) -> out.put(f, decode(j)));
        return out;
    }

    @Override
    public boolean putIfAbsent(String field, V value) {
        Objects.requireNonNull(field, "field");
        String json = encode(value);
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            if (e != null && hash(e).containsKey(field)) {
                return false;
            }
            create().put(field, json);
            owner.emit(key, "hset");
            return true;
        });
    }

    @Override
    public long increment(String field, long delta) {
        Objects.requireNonNull(field, "field");
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            long next = InMemoryStore.add(e == null ? null : hash(e).get(field), delta);
            create().put(field, Long.toString(next));
            owner.emit(key, "hincrby");
            return next;
        });
    }

    @Override
    public CompletionStage<Boolean> putIfAbsentAsync(String field, V value) {
        return Async.of(() -> putIfAbsent(field, value));
    }

    @Override
    public CompletionStage<Long> incrementAsync(String field, long delta) {
        return Async.of(() -> increment(field, delta));
    }

    @Override
    public CompletionStage<Boolean> putAsync(String field, V value) {
        return Async.of(() -> put(field, value));
    }

    @Override
    public CompletionStage<Void> putAllAsync(Map<String, ? extends V> entries) {
        return Async.run(() -> putAll(entries));
    }

    @Override
    public CompletionStage<V> getAsync(String field) {
        return Async.of(() -> get(field));
    }

    @Override
    public CompletionStage<Boolean> removeAsync(String field) {
        return Async.of(() -> remove(field));
    }

    @Override
    public CompletionStage<Boolean> containsKeyAsync(String field) {
        return Async.of(() -> containsKey(field));
    }

    @Override
    public CompletionStage<Set<String>> keysAsync() {
        return Async.of(this::keys);
    }

    @Override
    public CompletionStage<List<V>> valuesAsync() {
        return Async.of(this::values);
    }

    @Override
    public CompletionStage<Map<String, V>> entriesAsync() {
        return Async.of(this::entries);
    }
}
