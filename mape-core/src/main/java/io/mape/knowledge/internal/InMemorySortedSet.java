package io.mape.knowledge.internal;

import io.mape.knowledge.KSortedSet;
import io.mape.knowledge.Scored;
import io.mape.knowledge.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The in-memory Redis sorted set. */
final class InMemorySortedSet<V> extends Handle<V> implements KSortedSet<V> {

    InMemorySortedSet(InMemoryKnowledge owner, String name, TypeRef<V> type) {
        super(owner, name, type, InMemoryStore.Type.ZSET);
    }

    static ZSet zset(InMemoryStore.Entry e) {
        return (ZSet) e.value;
    }

    @Override
    int sizeOf(Object value) {
        return ((ZSet) value).size();
    }

    /** ZADD, then serves the blocked pops of the key; 1 added, 0 rescored, -1 unchanged. Under the store lock. */
    static int add(Handle<?> h, String json, double score) {
        return add(h, json, score, false);
    }

    /** {@link #add(Handle, String, double)}, or ZADD NX when {@code onlyNew} (-1 for a member). */
    private static int add(Handle<?> h, String json, double score, boolean onlyNew) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("a score may not be NaN");
        }
        ZSet z = zset(h.store.typedOrCreate(h.key(), InMemoryStore.Type.ZSET, h.owner, ZSet::new));
        if (onlyNew && z.score(json) != null) {
            return -1;
        }
        int r = z.add(json, score);
        if (r >= 0) {
            h.owner.emit(h.key(), "zadd");
            h.store.serve(h.key());
        }
        return r;
    }

    /** ZPOPMIN or ZPOPMAX of an entry already checked to be a zset; null if absent. Under the store lock. */
    static ZSet.Member pop(InMemoryStore store, InMemoryStore.Entry e, String key, boolean min) {
        if (e == null) {
            return null;
        }
        ZSet z = zset(e);
        ZSet.Member m = min ? z.popMin() : z.popMax();
        e.owner.emit(key, min ? "zpopmin" : "zpopmax");
        store.deleteIfEmpty(key, e, z.size() == 0);
        return m;
    }

    private Scored<V> scored(ZSet.Member m) {
        return m == null ? null : new Scored<>(decode(m.member()), m.score());
    }

    private List<Scored<V>> scoredAll(List<ZSet.Member> members) {
        List<Scored<V>> out = new ArrayList<>(members.size());
        members.forEach(m -> out.add(scored(m)));
        return out;
    }

    @Override
    public boolean add(V value, double score) {
        String json = encode(value);
        return store.call(() -> add(this, json, score)) == 1;
    }

    @Override
    public boolean addIfAbsent(V value, double score) {
        String json = encode(value);
        return store.call(() -> add(this, json, score, true)) == 1;
    }

    @Override
    public long removeRangeByScore(double min, double max) {
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            int n = e == null ? 0 : zset(e).removeRangeByScore(min, max);
            if (n > 0) {
                owner.emit(key, "zremrangebyscore");
                store.deleteIfEmpty(key, e, zset(e).size() == 0);
            }
            return (long) n;
        });
    }

    @Override
    public boolean remove(V value) {
        String json = encode(value);
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            if (e == null || !zset(e).remove(json)) {
                return false;
            }
            owner.emit(key, "zrem");
            store.deleteIfEmpty(key, e, zset(e).size() == 0);
            return true;
        });
    }

    @Override
    public Double score(V value) {
        String json = encode(value);
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e == null ? null : zset(e).score(json);
        });
    }

    @Override
    public Long rank(V value) {
        String json = encode(value);
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e == null ? null : zset(e).rank(json);
        });
    }

    private List<ZSet.Member> members(long start, long stop) {
        return store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e == null ? List.<ZSet.Member>of() : zset(e).range(start, stop);
        });
    }

    @Override
    public List<V> range(long start, long stop) {
        List<V> out = new ArrayList<>();
        members(start, stop).forEach(m -> out.add(decode(m.member())));
        return out;
    }

    @Override
    public List<Scored<V>> rangeWithScores(long start, long stop) {
        return scoredAll(members(start, stop));
    }

    @Override
    public List<V> rangeByScore(double min, double max) {
        List<ZSet.Member> members = store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e == null ? List.<ZSet.Member>of() : zset(e).rangeByScore(min, max);
        });
        List<V> out = new ArrayList<>();
        members.forEach(m -> out.add(decode(m.member())));
        return out;
    }

    @Override
    public Scored<V> popMin() {
        return scored(store.call(() -> pop(store, entry(), key, true)));
    }

    @Override
    public Scored<V> popMax() {
        return scored(store.call(() -> pop(store, entry(), key, false)));
    }

    @Override
    public CompletionStage<Boolean> addAsync(V value, double score) {
        return Async.of(() -> add(value, score));
    }

    @Override
    public CompletionStage<Boolean> addIfAbsentAsync(V value, double score) {
        return Async.of(() -> addIfAbsent(value, score));
    }

    @Override
    public CompletionStage<Long> removeRangeByScoreAsync(double min, double max) {
        return Async.of(() -> removeRangeByScore(min, max));
    }

    @Override
    public CompletionStage<Boolean> removeAsync(V value) {
        return Async.of(() -> remove(value));
    }

    @Override
    public CompletionStage<Double> scoreAsync(V value) {
        return Async.of(() -> score(value));
    }

    @Override
    public CompletionStage<Long> rankAsync(V value) {
        return Async.of(() -> rank(value));
    }

    @Override
    public CompletionStage<List<V>> rangeAsync(long start, long stop) {
        return Async.of(() -> range(start, stop));
    }

    @Override
    public CompletionStage<List<Scored<V>>> rangeWithScoresAsync(long start, long stop) {
        return Async.of(() -> rangeWithScores(start, stop));
    }

    @Override
    public CompletionStage<List<V>> rangeByScoreAsync(double min, double max) {
        return Async.of(() -> rangeByScore(min, max));
    }

    @Override
    public CompletionStage<Scored<V>> popMinAsync() {
        return Async.of(this::popMin);
    }

    @Override
    public CompletionStage<Scored<V>> popMaxAsync() {
        return Async.of(this::popMax);
    }
}
