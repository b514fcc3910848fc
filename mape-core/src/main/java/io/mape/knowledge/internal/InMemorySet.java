package io.mape.knowledge.internal;

import io.mape.knowledge.KSet;
import io.mape.knowledge.TypeRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** The in-memory Redis set. */
final class InMemorySet<V> extends Handle<V> implements KSet<V> {

    InMemorySet(InMemoryKnowledge owner, String name, TypeRef<V> type) {
        super(owner, name, type, InMemoryStore.Type.SET);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> members(InMemoryStore.Entry e) {
        return (Set<String>) e.value;
    }

    @Override
    int sizeOf(Object value) {
        return ((Set<?>) value).size();
    }

    @Override
    public boolean add(V value) {
        return addJsons(List.of(encode(value))) == 1;
    }

    @Override
    public long addAll(Collection<? extends V> values) {
        List<String> jsons = new ArrayList<>(values.size());
        for (V v : values) {
            jsons.add(encode(v));
        }
        return jsons.isEmpty() ? 0 : addJsons(jsons);
    }

    private long addJsons(List<String> jsons) {
        return store.call(() -> {
            Set<String> set = members(store.typedOrCreate(key, InMemoryStore.Type.SET, owner, LinkedHashSet::new));
            long added = 0;
            for (String j : jsons) {
                if (set.add(j)) {
                    added++;
                }
            }
            if (added > 0) {
                owner.emit(key, "sadd");
            }
            return added;
        });
    }

    @Override
    public boolean remove(V value) {
        String json = encode(value);
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            if (e == null || !members(e).remove(json)) {
                return false;
            }
            owner.emit(key, "srem");
            store.deleteIfEmpty(key, e, members(e).isEmpty());
            return true;
        });
    }

    @Override
    public boolean contains(V value) {
        String json = encode(value);
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e != null && members(e).contains(json);
        });
    }

    @Override
    public Set<V> members() {
        return new LinkedHashSet<>(decodeAll(store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e == null ? List.<String>of() : new ArrayList<>(members(e));
        })));
    }

    @Override
    public CompletionStage<Boolean> addAsync(V value) {
        return Async.of(() -> add(value));
    }

    @Override
    public CompletionStage<Long> addAllAsync(Collection<? extends V> values) {
        return Async.of(() -> addAll(values));
    }

    @Override
    public CompletionStage<Boolean> removeAsync(V value) {
        return Async.of(() -> remove(value));
    }

    @Override
    public CompletionStage<Boolean> containsAsync(V value) {
        return Async.of(() -> contains(value));
    }

    @Override
    public CompletionStage<Set<V>> membersAsync() {
        return Async.of(this::members);
    }
}
