package io.mape.knowledge.internal;

import io.mape.knowledge.KList;
import io.mape.knowledge.KnowledgeException;
import io.mape.knowledge.TypeRef;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The in-memory Redis list. */
final class InMemoryList<V> extends Handle<V> implements KList<V> {

    InMemoryList(InMemoryKnowledge owner, String name, TypeRef<V> type) {
        super(owner, name, type, InMemoryStore.Type.LIST);
    }

    @SuppressWarnings("unchecked")
    static IndexedDeque<String> deque(InMemoryStore.Entry e) {
        return (IndexedDeque<String>) e.value;
    }

    @Override
    int sizeOf(Object value) {
        return ((IndexedDeque<?>) value).size();
    }

    /** RPUSH or LPUSH, then serves the blocked pops of the key. Under the store lock. */
    static long push(Handle<?> h, String json, boolean tail) {
        IndexedDeque<String> d = deque(h.store.typedOrCreate(h.key(), InMemoryStore.Type.LIST, h.owner, IndexedDeque::new));
        if (tail) {
            d.addLast(json);
        } else {
            d.addFirst(json);
        }
        long size = d.size();
        h.owner.emit(h.key(), tail ? "rpush" : "lpush");
        h.store.serve(h.key());
        return size;
    }

    /** LPOP or RPOP of an entry already checked to be a list; null if absent. Under the store lock. */
    static String pop(InMemoryStore store, InMemoryStore.Entry e, String key, boolean head) {
        if (e == null) {
            return null;
        }
        IndexedDeque<String> d = deque(e);
        String json = head ? d.pollFirst() : d.pollLast();
        e.owner.emit(key, head ? "lpop" : "rpop");
        store.deleteIfEmpty(key, e, d.isEmpty());
        return json;
    }

    @Override
    public long append(V value) {
        String json = encode(value);
        return store.call(() -> push(this, json, true));
    }

    @Override
    public long prepend(V value) {
        String json = encode(value);
        return store.call(() -> push(this, json, false));
    }

    @Override
    public V get(long index) {
        return decode(store.call(() -> {
            InMemoryStore.Entry e = entry();
            if (e == null) {
                return null;
            }
            int i = Ranges.index(index, deque(e).size());
            return i < 0 ? null : deque(e).get(i);
        }));
    }

    @Override
    public void set(long index, V value) {
        String json = encode(value);
        store.run(() -> {
            InMemoryStore.Entry e = entry();
            if (e == null) {
                throw new KnowledgeException("ERR no such key " + key);
            }
            int i = Ranges.index(index, deque(e).size());
            if (i < 0) {
                throw new KnowledgeException("ERR index out of range: " + index + " in " + key);
            }
            deque(e).set(i, json);
            owner.emit(key, "lset");
        });
    }

    @Override
    public long remove(V value, long count) {
        String json = encode(value);
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            if (e == null) {
                return 0L;
            }
            long removed = deque(e).removeEqual(json, count);
            if (removed > 0) {
                owner.emit(key, "lrem");
                store.deleteIfEmpty(key, e, deque(e).isEmpty());
            }
            return removed;
        });
    }

    @Override
    public V popFirst() {
        return decode(store.call(() -> pop(store, entry(), key, true)));
    }

    @Override
    public V popLast() {
        return decode(store.call(() -> pop(store, entry(), key, false)));
    }

    @Override
    public List<V> range(long start, long stop) {
        return decodeAll(store.call(() -> {
            InMemoryStore.Entry e = entry();
            int[] r = e == null ? null : Ranges.clamp(start, stop, deque(e).size());
            return r == null ? List.<String>of() : deque(e).slice(r[0], r[1]);
        }));
    }

    @Override
    public CompletionStage<Long> appendAsync(V value) {
        return Async.of(() -> append(value));
    }

    @Override
    public CompletionStage<Long> prependAsync(V value) {
        return Async.of(() -> prepend(value));
    }

    @Override
    public CompletionStage<V> getAsync(long index) {
        return Async.of(() -> get(index));
    }

    @Override
    public CompletionStage<Void> setAsync(long index, V value) {
        return Async.run(() -> set(index, value));
    }

    @Override
    public CompletionStage<Long> removeAsync(V value, long count) {
        return Async.of(() -> remove(value, count));
    }

    @Override
    public CompletionStage<V> popFirstAsync() {
        return Async.of(this::popFirst);
    }

    @Override
    public CompletionStage<V> popLastAsync() {
        return Async.of(this::popLast);
    }

    @Override
    public CompletionStage<List<V>> rangeAsync(long start, long stop) {
        return Async.of(() -> range(start, stop));
    }
}
