package io.mape.remote.redis.internal;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.mape.internal.Checks;
import io.mape.knowledge.KList;
import io.mape.knowledge.KLock;
import io.mape.knowledge.KMap;
import io.mape.knowledge.KPriorityQueue;
import io.mape.knowledge.KQueue;
import io.mape.knowledge.KSet;
import io.mape.knowledge.KSortedSet;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.KnowledgeEvent;
import io.mape.knowledge.KnowledgeException;
import io.mape.knowledge.Scope;
import io.mape.knowledge.TypeRef;
import io.reactivex.rxjava3.core.Observable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The Knowledge of one scope on Redis: the same keys, commands and events as the in-memory one. Compare-and-set is
 * one script (GET, compare, SET or DEL), so it is atomic across processes; update is a compare-and-set loop.
 */
final class RedisKnowledge implements Knowledge {

    /** KEYS[1]; ARGV: expected present (1/0), expected JSON, new present (1/0), new JSON. */
    private static final String COMPARE_AND_SET = "local cur = redis.call('get', KEYS[1]) "
            + "if ARGV[1] == '1' then if cur ~= ARGV[2] then return 0 end elseif cur then return 0 end "
            + "if ARGV[3] == '1' then redis.call('set', KEYS[1], ARGV[4]) elseif cur then redis.call('del', KEYS[1]) end "
            + "return 1";
    private static final byte[] YES = "1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO = "0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONE = new byte[0];

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
    public long increment(String name, long delta) {
        return store.await(incrementAsync(name, delta));
    }

    @Override
    public long decrement(String name, long delta) {
        return store.await(decrementAsync(name, delta));
    }

    @Override
    public boolean compareAndSet(String name, Object expected, Object value) {
        return store.await(compareAndSetAsync(name, expected, value));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T update(String name, TypeRef<T> type, UnaryOperator<T> fn) {
        String key = key(name);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fn, "fn");
        while (true) {
            byte[] was = store.await(store.call(c -> c.get(key), json -> json));
            T next = fn.apply((T) store.decode(was, type.type()));
            if (store.await(compareAndSetJson(key, was, next == null ? null : store.encode(next)))) {
                return next;
            }
        }
    }

    @Override
    public CompletionStage<Long> incrementAsync(String name, long delta) {
        String key = key(name);
        return store.call(c -> c.incrby(key, delta), n -> n);
    }

    @Override
    public CompletionStage<Long> decrementAsync(String name, long delta) {
        if (delta == Long.MIN_VALUE) {
            return CompletableFuture.failedFuture(new KnowledgeException("ERR decrement would overflow"));
        }
        return incrementAsync(name, -delta);
    }

    @Override
    public CompletionStage<Boolean> compareAndSetAsync(String name, Object expected, Object value) {
        String key = key(name);
        byte[] was = expected == null ? null : store.encode(expected);
        byte[] json = value == null ? null : store.encode(value);
        return compareAndSetJson(key, was, json);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletionStage<T> updateAsync(String name, TypeRef<T> type, UnaryOperator<T> fn) {
        String key = key(name);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fn, "fn");
        return store.call(c -> c.get(key), json -> json).thenCompose(was -> {
            T next = fn.apply((T) store.decode(was, type.type()));
            return compareAndSetJson(key, was, next == null ? null : store.encode(next))
                    .thenCompose(done -> done ? CompletableFuture.completedFuture(next) : updateAsync(name, type, fn));
        });
    }

    private CompletionStage<Boolean> compareAndSetJson(String key, byte[] expected, byte[] json) {
        return store.call(c -> c.<Long>eval(COMPARE_AND_SET, ScriptOutputType.INTEGER, new String[] {key},
                expected == null ? NO : YES, expected == null ? NONE : expected,
                json == null ? NO : YES, json == null ? NONE : json), n -> n > 0);
    }

    @Override
    public boolean expire(String name, Duration ttl) {
        return store.await(expireAsync(name, ttl));
    }

    @Override
    public Optional<Duration> ttl(String name) {
        return store.await(ttlAsync(name));
    }

    @Override
    public boolean persist(String name) {
        return store.await(persistAsync(name));
    }

    @Override
    public CompletionStage<Boolean> expireAsync(String name, Duration ttl) {
        String key = key(name);
        long millis = positiveMillis("ttl", ttl);
        return store.call(c -> c.pexpire(key, millis), ok -> ok);
    }

    @Override
    public CompletionStage<Optional<Duration>> ttlAsync(String name) {
        String key = key(name);
        return store.call(c -> c.pttl(key), ms -> ms < 0 ? Optional.<Duration>empty() : Optional.of(Duration.ofMillis(ms)));
    }

    @Override
    public CompletionStage<Boolean> persistAsync(String name) {
        String key = key(name);
        return store.call(c -> c.persist(key), ok -> ok);
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
        return Math.max(1, Checks.positive(d, what).toMillis());
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
