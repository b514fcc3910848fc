package io.mape.remote.redis.internal;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.mape.knowledge.KList;
import io.mape.knowledge.KLock;
import io.mape.knowledge.KMap;
import io.mape.knowledge.KPriorityQueue;
import io.mape.knowledge.KQueue;
import io.mape.knowledge.KSet;
import io.mape.knowledge.KSortedSet;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.KnowledgeEvent;
import io.mape.knowledge.Scope;
import io.mape.knowledge.TypeRef;
import io.reactivex.rxjava3.core.Observable;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The Knowledge of one scope on Redis: the same keys, commands and events as the in-memory one. */
final class RedisKnowledge implements Knowledge {

    private final RedisStore store;
    private final Scope scope;

    RedisKnowledge(RedisStore store, Scope scope) {
        this.store = store;
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    RedisStore store() {
        return store;
    }

    @Override
    public Scope scope() {
        return scope;
    }

    // ---------------------------------------------------------------- key/value

    @Override
    public void put(String name, Object value) {
        store.await(putAsync(name, value));
    }

    @Override
    public void put(String name, Object value, Duration ttl) {
        store.await(putAsync(name, value, ttl));
    }

    @Override
    public <T> T get(String name, TypeRef<T> type) {
        return store.await(getAsync(name, type));
    }

    @Override
    public boolean remove(String name) {
        return store.await(removeAsync(name));
    }

    @Override
    public boolean contains(String name) {
        return store.await(containsAsync(name));
    }

    @Override
    public Set<String> keys(String glob) {
        return store.await(keysAsync(glob));
    }

    @Override
    public CompletionStage<Void> putAsync(String name, Object value) {
        String key = key(name);
        byte[] json = store.encode(Objects.requireNonNull(value, "value"));
        return store.call(c -> c.set(key, json), r -> null);
    }

    @Override
    public CompletionStage<Void> putAsync(String name, Object value, Duration ttl) {
        String key = key(name);
        byte[] json = store.encode(Objects.requireNonNull(value, "value"));
        long millis = positiveMillis("ttl", ttl);
        return store.call(c -> c.set(key, json, SetArgs.Builder.px(millis)), r -> null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletionStage<T> getAsync(String name, TypeRef<T> type) {
        String key = key(name);
        Objects.requireNonNull(type, "type");
        return store.call(c -> c.get(key), json -> (T) store.decode(json, type.type()));
    }

    @Override
    public CompletionStage<Boolean> removeAsync(String name) {
        String key = key(name);
        return store.call(c -> c.del(key), n -> n > 0);
    }

    @Override
    public CompletionStage<Boolean> containsAsync(String name) {
        String key = key(name);
        return store.call(c -> c.exists(key), n -> n > 0);
    }

    @Override
    public CompletionStage<Set<String>> keysAsync(String glob) {
        Objects.requireNonNull(glob, "glob");
        ScanArgs args = ScanArgs.Builder.matches(scope.prefix() + glob).limit(500);
        return scan(ScanCursor.INITIAL, args, new TreeSet<>());
    }

    private CompletionStage<Set<String>> scan(ScanCursor cursor, ScanArgs args, Set<String> names) {
        return store.call(c -> c.scan(cursor, args), (KeyScanCursor<String> r) -> r).thenCompose(r -> {
            for (String key : r.getKeys()) {
                if (scope.owns(key)) {
                    names.add(scope.nameOf(key));
                }
            }
            return r.isFinished() ? CompletableFuture.completedFuture(names) : scan(r, args, names);
        });
    }

    static long positiveMillis(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
        return Math.max(1, d.toMillis());
    }

    // ---------------------------------------------------------------- collections

    @Override
    public <V> KMap<V> map(String name, TypeRef<V> type) {
        return new RedisMap<>(this, name, type);
    }

    @Override
    public <V> KSet<V> set(String name, TypeRef<V> type) {
        return new RedisSet<>(this, name, type);
    }

    @Override
    public <V> KList<V> list(String name, TypeRef<V> type) {
        return new RedisList<>(this, name, type);
    }

    @Override
    public <V> KSortedSet<V> sortedSet(String name, TypeRef<V> type) {
        return new RedisSortedSet<>(this, name, type);
    }

    @Override
    public <V> KQueue<V> queue(String name, TypeRef<V> type) {
        return new RedisQueue<>(this, name, type, true);
    }

    @Override
    public <V> KQueue<V> lifoQueue(String name, TypeRef<V> type) {
        return new RedisQueue<>(this, name, type, false);
    }

    @Override
    public <V> KPriorityQueue<V> priorityQueue(String name, TypeRef<V> type) {
        return new RedisPriorityQueue<>(this, name, type);
    }

    @Override
    public KLock lock(String name) {
        return new RedisLock(this, name);
    }

    // ---------------------------------------------------------------- changes

    @Override
    public Observable<KnowledgeEvent> changes(String glob, String... commands) {
        Objects.requireNonNull(glob, "glob");
        Objects.requireNonNull(commands, "commands");
        return store.changes(scope, glob, Set.of(commands));
    }

    @Override
    public String toString() {
        return "RedisKnowledge[" + scope + "]";
    }
}
