package io.mape.knowledge.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mape.codec.CodecException;
import io.mape.knowledge.KLock;
import io.mape.knowledge.KList;
import io.mape.knowledge.KMap;
import io.mape.knowledge.KPriorityQueue;
import io.mape.knowledge.KQueue;
import io.mape.knowledge.KSet;
import io.mape.knowledge.KSortedSet;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.KnowledgeEvent;
import io.mape.knowledge.KnowledgeException;
import io.mape.knowledge.Scope;
import io.mape.knowledge.Scored;
import io.mape.knowledge.TypeRef;
import io.mape.knowledge.spi.KnowledgeBackend;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Knowledge TCK: what every backend must do, the in-memory one and the Redis one alike. A backend passes it by
 * subclassing and returning a fresh backend from {@link #createBackend()}:
 *
 * <pre>{@code
 * class RedisKnowledgeTest extends KnowledgeTck {
 *     protected KnowledgeBackend createBackend() { return RedisKnowledgeBackend.create(redisUri); }
 * }
 * }</pre>
 *
 * Each test works in a Loop scope of its own ({@code k.loop.tck_<random>.}) and names its App-scope keys after it,
 * so backends that share a server across tests need no flush. Change events are expected exactly as Redis emits
 * them with {@code notify-keyspace-events KEA}. Waits use Awaitility and latches, never sleeps. An error that reaches
 * {@link RxJavaPlugins#onError} during a test (an {@code UndeliverableException}: a stream failing after its
 * observer left) fails the test.
 */
public abstract class KnowledgeTck {

    /** How long a test waits for something that should happen at once. */
    protected static final Duration PATIENCE = Duration.ofSeconds(5);

    /** A short lease, to see leases end within a test. */
    protected static final Duration SHORT = Duration.ofMillis(200);

    /** A lease no test outlives. */
    protected static final Duration LONG = Duration.ofSeconds(30);

    private static final String SENTINEL = "zz_tck_sentinel";

    /** A record value. */
    public record Car(String id, int speed, List<String> tags) {
    }

    /** A record with a java.time member and a nested record. */
    public record Sighting(Car car, Instant at, Map<String, Double> position) {
    }

    /** A mutable bean. */
    public static final class Position {
        private double lat;
        private double lon;

        public Position() {
        }

        public Position(double lat, double lon) {
            this.lat = lat;
            this.lon = lon;
        }

        public double getLat() {
            return lat;
        }

        public void setLat(double lat) {
            this.lat = lat;
        }

        public double getLon() {
            return lon;
        }

        public void setLon(double lon) {
            this.lon = lon;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Position p && p.lat == lat && p.lon == lon;
        }

        @Override
        public int hashCode() {
            return Objects.hash(lat, lon);
        }
    }

    private KnowledgeBackend backend;
    private final CompositeDisposable subscriptions = new CompositeDisposable();

    /** The Knowledge of this test's Loop scope. */
    protected Knowledge k;

    /** This test's Loop uid. */
    protected String uid;

    private final List<Throwable> undeliverable = new CopyOnWriteArrayList<>();

    /** A fresh, open backend; the TCK closes it after each test. */
    protected abstract KnowledgeBackend createBackend();

    /**
     * A fresh, open backend over the same data as {@link #createBackend()} (the same server, for a remote one) that
     * puts every scope in {@code namespace}; the test closes it.
     */
    protected abstract KnowledgeBackend createBackend(String namespace);

    /** The backend of the running test. */
    protected KnowledgeBackend backend() {
        return backend;
    }

    @BeforeEach
    void openBackend() {
        RxJavaPlugins.setErrorHandler(undeliverable::add);
        backend = createBackend();
        uid = "tck_" + UUID.randomUUID().toString().substring(0, 8);
        k = backend.knowledge(Scope.loop(uid));
    }

    @AfterEach
    void closeBackend() {
        subscriptions.dispose();
        try {
            for (Knowledge kk : List.of(k, backend.knowledge(Scope.app()), backend.knowledge(Scope.level(uid)))) {
                for (String name : kk.keys(kk == k ? "*" : uid + "*")) {
                    kk.remove(name);
                }
            }
        } catch (RuntimeException alreadyClosed) {
            // a test closed the backend itself
        }
        backend.close();
        RxJavaPlugins.setErrorHandler(null);
        assertThat(undeliverable).as("errors that reached RxJavaPlugins.onError").isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The events of {@code ops} in this test's scope as {@code name:command}, in order, and nothing else. */
    protected List<String> eventsOf(Runnable ops) {
        List<KnowledgeEvent> seen = new CopyOnWriteArrayList<>();
        subscriptions.add(k.changes("*").subscribe(seen::add));
        ops.run();
        k.put(SENTINEL, true);
        await().atMost(PATIENCE).until(() -> seen.stream().anyMatch(e -> e.name().equals(SENTINEL)));
        boolean ordered = changesOrderedAcrossKeys();
        if (!ordered) { // the sentinel's own primary may publish before the others: wait until nothing more comes
            AtomicInteger last = new AtomicInteger(-1);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                    .until(() -> last.getAndSet(seen.size()) == seen.size());
        }
        List<String> out = new ArrayList<>();
        for (KnowledgeEvent e : seen) {
            if (e.name().equals(SENTINEL)) {
                if (ordered) {
                    break;
                }
                continue;
            }
            out.add(e.name() + ":" + e.command());
        }
        k.remove(SENTINEL);
        return out;
    }

    /** The result of an async operation, waiting at most {@link #PATIENCE}. */
    protected static <T> T done(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the stage did not complete normally", e);
        }
    }

    private static Car car(String id, int speed) {
        return new Car(id, speed, List.of("t" + speed));
    }

    // ---- scopes -------------------------------------------------------------------------------------------------

    @Test
    void scopes_nameKeysAsPyMape() {
        assertThat(Scope.app().key("speed_limit")).isEqualTo("k.app.speed_limit");
        assertThat(Scope.level("city").key("speed_limit")).isEqualTo("k.level.city.speed_limit");
        assertThat(Scope.loop("car_a").key("cars")).isEqualTo("k.loop.car_a.cars");
        assertThat(k.scope()).isEqualTo(Scope.loop(uid));
        assertThat(k.key("cars")).isEqualTo("k.loop." + uid + ".cars");
        assertThat(k.map("cars", Integer.class).key()).isEqualTo("k.loop." + uid + ".cars");
        assertThat(k.map("cars", Integer.class).name()).isEqualTo("cars");
        assertThat(k.lock("mutex").key()).isEqualTo("k.loop." + uid + ".mutex");
    }

    @Test
    void scopes_areIsolated() {
        Knowledge app = backend.knowledge(Scope.app());
        Knowledge level = backend.knowledge(Scope.level(uid));
        Knowledge other = backend.knowledge(Scope.loop(uid + "_other"));
        String name = uid + "_limit";
        app.put(name, 1);
        level.put(name, 2);
        k.put(name, 3);
        assertThat(app.get(name, Integer.class)).isEqualTo(1);
        assertThat(level.get(name, Integer.class)).isEqualTo(2);
        assertThat(k.get(name, Integer.class)).isEqualTo(3);
        assertThat(other.contains(name)).isFalse();
        assertThat(k.keys("*")).containsExactly(name);
        assertThat(k.remove(name)).isTrue();
        assertThat(app.get(name, Integer.class)).isEqualTo(1);
        assertThat(level.get(name, Integer.class)).isEqualTo(2);
    }

    @Test
    void scopes_equalScopesShareData() {
        backend.knowledge(Scope.loop(uid)).put("x", "shared");
        assertThat(k.get("x", String.class)).isEqualTo("shared");
        k.set("s", String.class).add("a");
        assertThat(backend.knowledge(Scope.loop(uid)).set("s", String.class).members()).containsExactly("a");
    }

    // ---- volatile keys ------------------------------------------------------------------------------------------

    @Test
    void put_getRoundTripsJsonValues() {
        k.put("speed_limit", 80);
        k.put("name", "car a");
        k.put("ratio", 0.25);
        k.put("on", true);
        k.put("long", Long.MAX_VALUE);
        k.put("tags", List.of("a", "b"));
        assertThat(k.get("speed_limit", Integer.class)).isEqualTo(80);
        assertThat(k.get("speed_limit", Long.class)).isEqualTo(80L);
        assertThat(k.get("speed_limit", Object.class)).isEqualTo(80);
        assertThat(k.get("name", String.class)).isEqualTo("car a");
        assertThat(k.get("ratio", Double.class)).isEqualTo(0.25);
        assertThat(k.get("on", Boolean.class)).isTrue();
        assertThat(k.get("long", Long.class)).isEqualTo(Long.MAX_VALUE);
        assertThat(k.get("tags", new TypeRef<List<String>>() { })).containsExactly("a", "b");
    }

    @Test
    void get_ofAbsentKeyIsNull() {
        assertThat(k.get("nothing", Integer.class)).isNull();
        assertThat(k.contains("nothing")).isFalse();
        assertThat(k.remove("nothing")).isFalse();
    }

    @Test
    void put_replacesValueAndType() {
        k.put("x", 1);
        k.put("x", "two");
        assertThat(k.get("x", String.class)).isEqualTo("two");
        k.map("h", Integer.class).put("f", 1);
        k.put("h", 5);
        assertThat(k.get("h", Integer.class)).isEqualTo(5);
    }

    @Test
    void remove_deletesKeysOfAnyType() {
        k.put("v", 1);
        k.map("m", Integer.class).put("a", 1);
        k.set("s", Integer.class).add(1);
        k.list("l", Integer.class).append(1);
        k.sortedSet("z", Integer.class).add(1, 1);
        assertThat(k.keys("*")).containsExactly("l", "m", "s", "v", "z");
        for (String name : List.of("v", "m", "s", "l", "z")) {
            assertThat(k.contains(name)).isTrue();
            assertThat(k.remove(name)).isTrue();
            assertThat(k.contains(name)).isFalse();
        }
        assertThat(k.keys("*")).isEmpty();
    }

    @Test
    void keys_matchRedisGlobs() {
        for (String name : List.of("car_a", "car_b", "car_ab", "bus", "car.x")) {
            k.put(name, 1);
        }
        k.set("car_set", String.class).add("x");
        assertThat(k.keys("*")).containsExactly("bus", "car.x", "car_a", "car_ab", "car_b", "car_set");
        assertThat(k.keys("car_?")).containsExactly("car_a", "car_b");
        assertThat(k.keys("car_*")).containsExactly("car_a", "car_ab", "car_b", "car_set");
        assertThat(k.keys("car_[a]")).containsExactly("car_a");
        assertThat(k.keys("car_[^a]")).containsExactly("car_b");
        assertThat(k.keys("car_[a-b]*")).containsExactly("car_a", "car_ab", "car_b");
        assertThat(k.keys("*b*")).containsExactly("bus", "car_ab", "car_b");
        assertThat(k.keys("car.*")).containsExactly("car.x");
        assertThat(k.keys("bus")).containsExactly("bus");
        assertThat(k.keys("nothing*")).isEmpty();
    }

    @Test
    void put_withTtlExpires() {
        List<KnowledgeEvent> seen = new CopyOnWriteArrayList<>();
        subscriptions.add(k.changes("temp").subscribe(seen::add));
        k.put("temp", 21.5, SHORT);
        assertThat(k.get("temp", Double.class)).isEqualTo(21.5);
        await().atMost(PATIENCE).until(() -> !k.contains("temp"));
        assertThat(k.get("temp", Double.class)).isNull();
        await().atMost(PATIENCE).until(() -> seen.size() == 3);
        assertThat(seen).extracting(KnowledgeEvent::command).containsExactly("set", "expire", "expired");
    }

    @Test
    void put_withoutTtlClearsAnEarlierTtl() {
        k.put("v", 1, SHORT);
        k.put("v", 2);
        await().during(SHORT.multipliedBy(3)).atMost(PATIENCE).until(() -> k.contains("v"));
        assertThat(k.get("v", Integer.class)).isEqualTo(2);
    }

    @Test
    void wrongType_failsLikeRedis() {
        k.set("s", String.class).add("a");
        assertThatThrownBy(() -> k.get("s", String.class)).isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("WRONGTYPE");
        assertThatThrownBy(() -> k.map("s", String.class).get("f")).isInstanceOf(KnowledgeException.class);
        assertThatThrownBy(() -> k.list("s", String.class).append("x")).isInstanceOf(KnowledgeException.class);
        assertThatThrownBy(() -> k.sortedSet("s", String.class).add("x", 1)).isInstanceOf(KnowledgeException.class);
        assertThatThrownBy(() -> k.queue("s", String.class).poll()).isInstanceOf(KnowledgeException.class);
        assertThatThrownBy(() -> k.priorityQueue("s", String.class).poll()).isInstanceOf(KnowledgeException.class);
        k.put("v", 1);
        assertThatThrownBy(() -> k.set("v", Integer.class).add(1)).isInstanceOf(KnowledgeException.class);
        assertThat(k.set("s", String.class).members()).containsExactly("a");
    }

    @Test
    void nulls_areRefused() {
        assertThatThrownBy(() -> k.put("x", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> k.map("m", String.class).put("f", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> k.set("s", String.class).add(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> k.queue("q", String.class).offer(null)).isInstanceOf(NullPointerException.class);
        assertThat(k.keys("*")).isEmpty();
    }

    @Test
    void kv_asyncForms() {
        assertThat(done(k.putAsync("a", 1))).isNull();
        assertThat(done(k.putAsync("b", car("b", 2), LONG))).isNull();
        assertThat(done(k.getAsync("a", Integer.class))).isEqualTo(1);
        assertThat(done(k.getAsync("b", new TypeRef<Car>() { }))).isEqualTo(car("b", 2));
        assertThat(done(k.containsAsync("a"))).isTrue();
        assertThat(done(k.keysAsync("*"))).containsExactly("a", "b");
        assertThat(done(k.removeAsync("a"))).isTrue();
        assertThat(done(k.removeAsync("a"))).isFalse();
        assertThat(done(k.getAsync("a", Integer.class))).isNull();
    }

    @Test
    void kv_asyncFormsFailAsStages() {
        k.set("s", String.class).add("a");
        CompletableFuture<String> f = k.getAsync("s", String.class).toCompletableFuture();
        await().atMost(PATIENCE).until(f::isDone);
        assertThat(f).isCompletedExceptionally();
    }

    // ---- codec --------------------------------------------------------------------------------------------------

    @Test
    void codec_roundTripsRecords() {
        Sighting s = new Sighting(car("a", 90), Instant.parse("2024-05-01T10:15:30.123Z"),
                new LinkedHashMap<>(Map.of("lat", 44.5)));
        k.put("last", s);
        assertThat(k.get("last", Sighting.class)).isEqualTo(s);
    }

    @Test
    void codec_roundTripsBeans() {
        k.put("pos", new Position(44.5, 11.3));
        assertThat(k.get("pos", Position.class)).isEqualTo(new Position(44.5, 11.3));
    }

    @Test
    void codec_roundTripsGenericMapsAndLists() {
        Map<String, List<Car>> fleet = new LinkedHashMap<>();
        fleet.put("north", List.of(car("a", 50), car("b", 60)));
        fleet.put("south", List.of());
        k.put("fleet", fleet);
        assertThat(k.get("fleet", new TypeRef<Map<String, List<Car>>>() { })).isEqualTo(fleet);
        Map<?, ?> raw = k.get("fleet", Map.class);
        assertThat(new ArrayList<Object>(raw.keySet())).containsExactlyInAnyOrder("north", "south");
    }

    @Test
    void codec_readsFreshCopies() {
        List<Integer> written = new ArrayList<>(List.of(1, 2));
        k.put("xs", written);
        written.add(3);
        List<Integer> read = k.get("xs", new TypeRef<List<Integer>>() { });
        assertThat(read).containsExactly(1, 2);
        read.add(4);
        assertThat(k.get("xs", new TypeRef<List<Integer>>() { })).containsExactly(1, 2);
        assertThat(k.get("xs", new TypeRef<List<Integer>>() { })).isNotSameAs(k.get("xs", new TypeRef<List<Integer>>() { }));
    }

    @Test
    void codec_roundTripsInsideEveryCollection() {
        Car a = car("a", 1);
        Car b = car("b", 2);
        TypeRef<Map<String, Integer>> mapType = new TypeRef<>() { };
        KMap<Car> map = k.map("m", Car.class);
        map.put("a", a);
        assertThat(map.get("a")).isEqualTo(a);
        KSet<Car> set = k.set("s", Car.class);
        set.add(a);
        assertThat(set.contains(car("a", 1))).isTrue();
        assertThat(set.members()).containsExactly(a);
        KList<List<Integer>> list = k.list("l", new TypeRef<List<Integer>>() { });
        list.append(List.of(1, 2));
        assertThat(list.get(0)).containsExactly(1, 2);
        KSortedSet<Car> zset = k.sortedSet("z", Car.class);
        zset.add(b, 2);
        assertThat(zset.popMin()).isEqualTo(new Scored<>(b, 2));
        KQueue<Map<String, Integer>> queue = k.queue("q", mapType);
        queue.offer(Map.of("x", 1));
        assertThat(queue.poll()).isEqualTo(Map.of("x", 1));
        KPriorityQueue<Position> pq = k.priorityQueue("p", Position.class);
        pq.offer(new Position(1, 2), 1);
        assertThat(pq.poll()).isEqualTo(new Position(1, 2));
    }

    @Test
    void codec_decodingIntoTheWrongTypeFails() {
        k.put("name", "car a");
        assertThatThrownBy(() -> k.get("name", Integer.class)).isInstanceOf(CodecException.class);
        k.put("car", car("a", 1));
        assertThatThrownBy(() -> k.get("car", Position.class)).isInstanceOf(CodecException.class);
    }

    // ---- map ----------------------------------------------------------------------------------------------------

    @Test
    void map_operations() {
        KMap<Integer> speeds = k.map("speeds", Integer.class);
        assertThat(speeds.size()).isZero();
        assertThat(speeds.get("a")).isNull();
        assertThat(speeds.put("a", 50)).isTrue();
        assertThat(speeds.put("a", 55)).isFalse();
        assertThat(speeds.put("b", 60)).isTrue();
        speeds.putAll(Map.of("c", 70));
        speeds.putAll(Map.of());
        assertThat(speeds.get("a")).isEqualTo(55);
        assertThat(speeds.containsKey("b")).isTrue();
        assertThat(speeds.containsKey("z")).isFalse();
        assertThat(speeds.size()).isEqualTo(3);
        assertThat(speeds.keys()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(speeds.values()).containsExactlyInAnyOrder(55, 60, 70);
        assertThat(speeds.entries()).isEqualTo(Map.of("a", 55, "b", 60, "c", 70));
        assertThat(speeds.remove("a")).isTrue();
        assertThat(speeds.remove("a")).isFalse();
        assertThat(speeds.size()).isEqualTo(2);
        assertThat(speeds.clear()).isTrue();
        assertThat(speeds.clear()).isFalse();
        assertThat(speeds.entries()).isEmpty();
        assertThat(k.contains("speeds")).isFalse();
    }

    @Test
    void map_valuesFollowTheOrderOfKeys() {
        KMap<String> m = k.map("m", String.class);
        for (int i = 0; i < 20; i++) {
            m.put("f" + i, "v" + i);
        }
        List<String> keys = new ArrayList<>(m.keys());
        List<String> values = m.values();
        for (int i = 0; i < keys.size(); i++) {
            assertThat(values.get(i)).isEqualTo("v" + keys.get(i).substring(1));
        }
    }

    @Test
    void map_emptiedByRemoveDisappears() {
        KMap<Integer> m = k.map("m", Integer.class);
        m.put("a", 1);
        m.remove("a");
        assertThat(k.contains("m")).isFalse();
        assertThat(m.size()).isZero();
    }

    @Test
    void map_events() {
        KMap<Integer> m = k.map("m", Integer.class);
        assertThat(eventsOf(() -> {
            m.put("a", 1);
            m.put("a", 1);
            m.putAll(Map.of("b", 2, "c", 3));
            m.remove("a");
            m.remove("zzz");
            m.remove("b");
            m.clear();
            m.clear();
        })).containsExactly("m:hset", "m:hset", "m:hset", "m:hdel", "m:hdel", "m:del");
    }

    @Test
    void map_asyncForms() {
        KMap<Car> m = k.map("m", Car.class);
        assertThat(done(m.putAsync("a", car("a", 1)))).isTrue();
        assertThat(done(m.putAllAsync(Map.of("b", car("b", 2))))).isNull();
        assertThat(done(m.getAsync("a"))).isEqualTo(car("a", 1));
        assertThat(done(m.containsKeyAsync("b"))).isTrue();
        assertThat(done(m.keysAsync())).containsExactlyInAnyOrder("a", "b");
        assertThat(done(m.valuesAsync())).containsExactlyInAnyOrder(car("a", 1), car("b", 2));
        assertThat(done(m.entriesAsync())).containsOnlyKeys("a", "b");
        assertThat(done(m.sizeAsync())).isEqualTo(2);
        assertThat(done(m.removeAsync("a"))).isTrue();
        assertThat(done(m.clearAsync())).isTrue();
        assertThat(done(m.sizeAsync())).isZero();
    }

    // ---- set ----------------------------------------------------------------------------------------------------

    @Test
    void set_operations() {
        KSet<String> cars = k.set("cars", String.class);
        assertThat(cars.members()).isEmpty();
        assertThat(cars.add("a")).isTrue();
        assertThat(cars.add("a")).isFalse();
        assertThat(cars.addAll(List.of("a", "b", "c"))).isEqualTo(2);
        assertThat(cars.addAll(List.of())).isZero();
        assertThat(cars.size()).isEqualTo(3);
        assertThat(cars.contains("b")).isTrue();
        assertThat(cars.contains("z")).isFalse();
        assertThat(cars.members()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(cars.remove("b")).isTrue();
        assertThat(cars.remove("b")).isFalse();
        assertThat(cars.members()).containsExactlyInAnyOrder("a", "c");
        assertThat(cars.clear()).isTrue();
        assertThat(cars.size()).isZero();
    }

    @Test
    void set_membersAreEqualByJson() {
        KSet<Car> cars = k.set("cars", Car.class);
        assertThat(cars.add(car("a", 1))).isTrue();
        assertThat(cars.add(new Car("a", 1, new ArrayList<>(List.of("t1"))))).isFalse();
        assertThat(cars.add(car("a", 2))).isTrue();
        assertThat(cars.remove(car("a", 1))).isTrue();
        assertThat(cars.members()).containsExactly(car("a", 2));
    }

    @Test
    void set_events() {
        KSet<String> s = k.set("cars", String.class);
        assertThat(eventsOf(() -> {
            s.add("a");
            s.add("a");
            s.addAll(List.of("b", "c"));
            s.addAll(List.of("b"));
            s.remove("a");
            s.remove("zzz");
            s.remove("b");
            s.remove("c");
        })).containsExactly("cars:sadd", "cars:sadd", "cars:srem", "cars:srem", "cars:srem", "cars:del");
    }

    @Test
    void set_asyncForms() {
        KSet<Integer> s = k.set("s", Integer.class);
        assertThat(done(s.addAsync(1))).isTrue();
        assertThat(done(s.addAllAsync(List.of(1, 2, 3)))).isEqualTo(2);
        assertThat(done(s.containsAsync(2))).isTrue();
        assertThat(done(s.membersAsync())).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(done(s.removeAsync(3))).isTrue();
        assertThat(done(s.sizeAsync())).isEqualTo(2);
        assertThat(done(s.clearAsync())).isTrue();
    }

    // ---- list ---------------------------------------------------------------------------------------------------

    @Test
    void list_pushGetSet() {
        KList<String> l = k.list("l", String.class);
        assertThat(l.append("b")).isEqualTo(1);
        assertThat(l.append("c")).isEqualTo(2);
        assertThat(l.prepend("a")).isEqualTo(3);
        assertThat(l.all()).containsExactly("a", "b", "c");
        assertThat(l.get(0)).isEqualTo("a");
        assertThat(l.get(2)).isEqualTo("c");
        assertThat(l.get(-1)).isEqualTo("c");
        assertThat(l.get(-3)).isEqualTo("a");
        assertThat(l.get(3)).isNull();
        assertThat(l.get(-4)).isNull();
        l.set(1, "B");
        l.set(-1, "C");
        assertThat(l.all()).containsExactly("a", "B", "C");
        assertThatThrownBy(() -> l.set(3, "x")).isInstanceOf(KnowledgeException.class);
        assertThatThrownBy(() -> k.list("none", String.class).set(0, "x")).isInstanceOf(KnowledgeException.class);
        assertThat(l.size()).isEqualTo(3);
    }

    @Test
    void list_pops() {
        KList<Integer> l = k.list("l", Integer.class);
        assertThat(l.popFirst()).isNull();
        assertThat(l.popLast()).isNull();
        for (int i = 1; i <= 4; i++) {
            l.append(i);
        }
        assertThat(l.popFirst()).isEqualTo(1);
        assertThat(l.popLast()).isEqualTo(4);
        assertThat(l.all()).containsExactly(2, 3);
        l.popFirst();
        l.popFirst();
        assertThat(k.contains("l")).isFalse();
    }

    @Test
    void list_removeCountsLikeLrem() {
        KList<String> l = k.list("l", String.class);
        List<String> init = List.of("x", "a", "x", "b", "x", "c", "x");
        init.forEach(l::append);
        assertThat(l.remove("x", 2)).isEqualTo(2);
        assertThat(l.all()).containsExactly("a", "b", "x", "c", "x");
        assertThat(l.remove("x", -1)).isEqualTo(1);
        assertThat(l.all()).containsExactly("a", "b", "x", "c");
        assertThat(l.remove("zzz", 0)).isZero();
        l.append("x");
        assertThat(l.remove("x", 0)).isEqualTo(2);
        assertThat(l.all()).containsExactly("a", "b", "c");
    }

    @Test
    void list_rangesLikeLrange() {
        KList<Integer> l = k.list("l", Integer.class);
        assertThat(l.range(0, -1)).isEmpty();
        for (int i = 0; i < 5; i++) {
            l.append(i);
        }
        assertThat(l.range(0, -1)).containsExactly(0, 1, 2, 3, 4);
        assertThat(l.range(1, 2)).containsExactly(1, 2);
        assertThat(l.range(-2, -1)).containsExactly(3, 4);
        assertThat(l.range(3, 100)).containsExactly(3, 4);
        assertThat(l.range(-100, 0)).containsExactly(0);
        assertThat(l.range(3, 1)).isEmpty();
        assertThat(l.range(5, 10)).isEmpty();
    }

    @Test
    void list_events() {
        KList<String> l = k.list("l", String.class);
        assertThat(eventsOf(() -> {
            l.append("a");
            l.prepend("b");
            l.set(0, "c");
            l.remove("zzz", 0);
            l.remove("a", 0);
            l.append("d");
            l.popFirst();
            l.popLast();
            l.popLast();
        })).containsExactly("l:rpush", "l:lpush", "l:lset", "l:lrem", "l:rpush", "l:lpop", "l:rpop", "l:del");
    }

    @Test
    void list_asyncForms() {
        KList<String> l = k.list("l", String.class);
        assertThat(done(l.appendAsync("b"))).isEqualTo(1);
        assertThat(done(l.prependAsync("a"))).isEqualTo(2);
        assertThat(done(l.getAsync(1))).isEqualTo("b");
        assertThat(done(l.setAsync(1, "B"))).isNull();
        assertThat(done(l.rangeAsync(0, -1))).containsExactly("a", "B");
        assertThat(done(l.removeAsync("a", 0))).isEqualTo(1);
        l.append("c");
        assertThat(done(l.popFirstAsync())).isEqualTo("B");
        assertThat(done(l.popLastAsync())).isEqualTo("c");
        assertThat(done(l.sizeAsync())).isZero();
        assertThat(done(l.clearAsync())).isFalse();
    }

    // ---- sorted set ---------------------------------------------------------------------------------------------

    @Test
    void sortedSet_operations() {
        KSortedSet<String> z = k.sortedSet("z", String.class);
        assertThat(z.add("b", 2)).isTrue();
        assertThat(z.add("a", 1)).isTrue();
        assertThat(z.add("c", 3)).isTrue();
        assertThat(z.add("b", 2.5)).isFalse();
        assertThat(z.size()).isEqualTo(3);
        assertThat(z.score("b")).isEqualTo(2.5);
        assertThat(z.score("zzz")).isNull();
        assertThat(z.rank("a")).isZero();
        assertThat(z.rank("c")).isEqualTo(2);
        assertThat(z.rank("zzz")).isNull();
        assertThat(z.range(0, -1)).containsExactly("a", "b", "c");
        assertThat(z.range(-2, -1)).containsExactly("b", "c");
        assertThat(z.rangeWithScores(0, 0)).containsExactly(new Scored<>("a", 1));
        assertThat(z.rangeByScore(1.5, 3)).containsExactly("b", "c");
        assertThat(z.rangeByScore(3, 1)).isEmpty();
        assertThat(z.remove("b")).isTrue();
        assertThat(z.remove("b")).isFalse();
        assertThat(z.popMax()).isEqualTo(new Scored<>("c", 3));
        assertThat(z.popMin()).isEqualTo(new Scored<>("a", 1));
        assertThat(z.popMin()).isNull();
        assertThat(z.popMax()).isNull();
        assertThat(k.contains("z")).isFalse();
    }

    @Test
    void sortedSet_addIfAbsentKeepsTheScoreOfAMember() {
        KSortedSet<String> z = k.sortedSet("z", String.class);
        assertThat(z.addIfAbsent("a", 1)).isTrue();
        assertThat(z.addIfAbsent("a", 5)).isFalse();
        assertThat(z.score("a")).isEqualTo(1.0);
        assertThat(done(z.addIfAbsentAsync("b", 2))).isTrue();
        assertThat(done(z.addIfAbsentAsync("b", 3))).isFalse();
        assertThat(z.rangeWithScores(0, -1)).containsExactly(new Scored<>("a", 1), new Scored<>("b", 2));
    }

    @Test
    void sortedSet_removeRangeByScoreRemovesTheBoundsToo() {
        KSortedSet<String> z = k.sortedSet("z", String.class);
        for (int i = 1; i <= 5; i++) {
            z.add("m" + i, i);
        }
        assertThat(z.removeRangeByScore(Double.NEGATIVE_INFINITY, 2)).isEqualTo(2);
        assertThat(z.removeRangeByScore(3, 3)).isEqualTo(1);
        assertThat(z.removeRangeByScore(5, 4)).isZero();
        assertThat(z.range(0, -1)).containsExactly("m4", "m5");
        assertThat(done(z.removeRangeByScoreAsync(4, Double.POSITIVE_INFINITY))).isEqualTo(2);
        assertThat(k.contains("z")).isFalse();
        assertThat(z.removeRangeByScore(0, 10)).isZero();
    }

    @Test
    void sortedSet_addIfAbsentAndRemoveRangeByScoreEvents() {
        KSortedSet<String> z = k.sortedSet("z", String.class);
        assertThat(eventsOf(() -> {
            z.addIfAbsent("a", 1);
            z.addIfAbsent("a", 2);
            z.add("b", 3);
            z.removeRangeByScore(10, 20);
            z.removeRangeByScore(0, 1);
            z.removeRangeByScore(0, 5);
        })).containsExactly("z:zadd", "z:zadd", "z:zremrangebyscore", "z:zremrangebyscore", "z:del");
    }

    @Test
    void sortedSet_ordersEqualScoresByJson() {
        KSortedSet<String> z = k.sortedSet("z", String.class);
        for (String s : List.of("d", "b", "a", "c")) {
            z.add(s, 1);
        }
        z.add("e", 0);
        assertThat(z.range(0, -1)).containsExactly("e", "a", "b", "c", "d");
        assertThat(z.rangeWithScores(0, -1)).extracting(Scored::score).containsExactly(0.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(z.add("e", -5.5)).isFalse();
        assertThat(z.popMin()).isEqualTo(new Scored<>("e", -5.5));
    }

    @Test
    void sortedSet_events() {
        KSortedSet<String> z = k.sortedSet("z", String.class);
        assertThat(eventsOf(() -> {
            z.add("a", 1);
            z.add("a", 1);
            z.add("a", 2);
            z.add("b", 3);
            z.add("c", 4);
            z.remove("zzz");
            z.remove("a");
            z.popMin();
            z.popMax();
            z.popMax();
        })).containsExactly("z:zadd", "z:zadd", "z:zadd", "z:zadd", "z:zrem", "z:zpopmin", "z:zpopmax", "z:del");
    }

    @Test
    void sortedSet_asyncForms() {
        KSortedSet<String> z = k.sortedSet("z", String.class);
        assertThat(done(z.addAsync("a", 1))).isTrue();
        assertThat(done(z.addAsync("b", 2))).isTrue();
        assertThat(done(z.addAsync("c", 3))).isTrue();
        assertThat(done(z.scoreAsync("b"))).isEqualTo(2.0);
        assertThat(done(z.rankAsync("c"))).isEqualTo(2);
        assertThat(done(z.rangeAsync(0, 1))).containsExactly("a", "b");
        assertThat(done(z.rangeWithScoresAsync(2, 2))).containsExactly(new Scored<>("c", 3));
        assertThat(done(z.rangeByScoreAsync(2, 2))).containsExactly("b");
        assertThat(done(z.removeAsync("b"))).isTrue();
        assertThat(done(z.popMinAsync())).isEqualTo(new Scored<>("a", 1));
        assertThat(done(z.popMaxAsync())).isEqualTo(new Scored<>("c", 3));
        assertThat(done(z.sizeAsync())).isZero();
        assertThat(done(z.clearAsync())).isFalse();
    }

    // ---- FIFO and LIFO queues -----------------------------------------------------------------------------------

    @Test
    void queue_isFirstInFirstOut() {
        KQueue<Integer> q = k.queue("q", Integer.class);
        assertThat(q.poll()).isNull();
        assertThat(q.peek()).isNull();
        assertThat(q.offer(1)).isEqualTo(1);
        assertThat(q.offer(2)).isEqualTo(2);
        q.offer(3);
        assertThat(q.peek()).isEqualTo(1);
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.poll()).isEqualTo(1);
        assertThat(q.take(PATIENCE)).isEqualTo(2);
        assertThat(q.poll()).isEqualTo(3);
        assertThat(q.poll()).isNull();
        assertThat(k.contains("q")).isFalse();
    }

    @Test
    void queue_isARedisListFromHeadToTail() {
        KQueue<String> q = k.queue("q", String.class);
        q.offer("a");
        q.offer("b");
        assertThat(k.list("q", String.class).all()).containsExactly("a", "b");
    }

    @Test
    void lifoQueue_isLastInFirstOut() {
        KQueue<Integer> q = k.lifoQueue("q", Integer.class);
        q.offer(1);
        q.offer(2);
        q.offer(3);
        assertThat(q.peek()).isEqualTo(3);
        assertThat(q.poll()).isEqualTo(3);
        assertThat(q.take(PATIENCE)).isEqualTo(2);
        assertThat(q.poll()).isEqualTo(1);
        assertThat(q.poll()).isNull();
        assertThat(k.list("q", Integer.class).size()).isZero();
    }

    @Test
    void queue_takeWaitsForAnOffer() {
        KQueue<Car> q = k.queue("q", Car.class);
        CompletableFuture<Car> taken = q.takeAsync(PATIENCE).toCompletableFuture();
        assertThat(taken).isNotDone();
        q.offer(car("a", 1));
        assertThat(done(taken)).isEqualTo(car("a", 1));
        assertThat(q.size()).isZero();
    }

    @Test
    void queue_blockingTakeWaitsForAnOfferFromAnotherThread() throws Exception {
        KQueue<String> q = k.lifoQueue("q", String.class);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> taken = pool.submit(() -> q.take(PATIENCE));
            q.offer("x");
            assertThat(taken.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("x");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void queue_takeTimesOutWithNull() {
        KQueue<String> q = k.queue("q", String.class);
        assertThat(q.take(Duration.ofMillis(50))).isNull();
        assertThat(done(q.takeAsync(Duration.ofMillis(50)))).isNull();
        assertThat(done(k.lifoQueue("q", String.class).takeAsync(Duration.ofMillis(50)))).isNull();
        assertThatThrownBy(() -> q.take(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queue_waitingConsumersEachGetOneElement() {
        KQueue<String> q = k.queue("q", String.class);
        CompletableFuture<String> first = q.takeAsync(PATIENCE).toCompletableFuture();
        CompletableFuture<String> second = q.takeAsync(PATIENCE).toCompletableFuture();
        q.offer("a");
        q.offer("b");
        assertThat(List.of(done(first), done(second))).containsExactlyInAnyOrder("a", "b");
        assertThat(q.size()).isZero();
    }

    @Test
    void queue_interruptedTakeLosesNothing() throws Exception {
        KQueue<String> q = k.queue("q", String.class);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread consumer = new Thread(() -> {
            try {
                q.take(Duration.ofSeconds(30));
            } catch (KnowledgeException e) {
                failure.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        consumer.start();
        await().atMost(PATIENCE).until(() -> consumer.getState() == Thread.State.WAITING
                || consumer.getState() == Thread.State.TIMED_WAITING);
        consumer.interrupt();
        consumer.join(PATIENCE.toMillis());
        assertThat(failure.get()).isInstanceOf(KnowledgeException.class);
        assertThat(flagKept).isTrue();
        q.offer("kept");
        assertThat(q.poll()).isEqualTo("kept");
    }

    @Test
    void queue_events() {
        KQueue<String> fifo = k.queue("f", String.class);
        KQueue<String> lifo = k.lifoQueue("l", String.class);
        assertThat(eventsOf(() -> {
            fifo.offer("a");
            fifo.offer("b");
            fifo.poll();
            fifo.take(PATIENCE);
            fifo.poll();
            lifo.offer("a");
            lifo.poll();
        })).containsExactly("f:rpush", "f:rpush", "f:lpop", "f:lpop", "f:del", "l:rpush", "l:rpop", "l:del");
    }

    @Test
    void queue_servedTakeEventsFollowThePush() {
        KQueue<String> q = k.queue("q", String.class);
        CompletableFuture<String> taken = q.takeAsync(PATIENCE).toCompletableFuture();
        assertThat(eventsOf(() -> {
            q.offer("a");
            assertThat(done(taken)).isEqualTo("a");
        })).containsExactly("q:rpush", "q:lpop", "q:del");
    }

    @Test
    void queue_asyncForms() {
        KQueue<Integer> q = k.queue("q", Integer.class);
        assertThat(done(q.offerAsync(1))).isEqualTo(1);
        assertThat(done(q.offerAsync(2))).isEqualTo(2);
        assertThat(done(q.peekAsync())).isEqualTo(1);
        assertThat(done(q.pollAsync())).isEqualTo(1);
        assertThat(done(q.takeAsync(PATIENCE))).isEqualTo(2);
        assertThat(done(q.pollAsync())).isNull();
        q.offer(3);
        assertThat(done(q.sizeAsync())).isEqualTo(1);
        assertThat(done(q.clearAsync())).isTrue();
    }

    // ---- priority queue -----------------------------------------------------------------------------------------

    @Test
    void priorityQueue_lowestPriorityFirst() {
        KPriorityQueue<String> pq = k.priorityQueue("pq", String.class);
        assertThat(pq.poll()).isNull();
        assertThat(pq.peek()).isNull();
        assertThat(pq.offer("low", 10)).isTrue();
        assertThat(pq.offer("urgent", 1)).isTrue();
        assertThat(pq.offer("mid", 5)).isTrue();
        assertThat(pq.size()).isEqualTo(3);
        assertThat(pq.peek()).isEqualTo(new Scored<>("urgent", 1));
        assertThat(pq.poll()).isEqualTo("urgent");
        assertThat(pq.take(PATIENCE)).isEqualTo("mid");
        assertThat(pq.poll()).isEqualTo("low");
        assertThat(pq.poll()).isNull();
        assertThat(k.contains("pq")).isFalse();
    }

    @Test
    void priorityQueue_holdsEachValueOnce() {
        KPriorityQueue<Car> pq = k.priorityQueue("pq", Car.class);
        assertThat(pq.offer(car("a", 1), 5)).isTrue();
        assertThat(pq.offer(car("b", 1), 3)).isTrue();
        assertThat(pq.offer(car("a", 1), 1)).isFalse();
        assertThat(pq.size()).isEqualTo(2);
        assertThat(pq.poll()).isEqualTo(car("a", 1));
        assertThat(k.sortedSet("pq", Car.class).range(0, -1)).containsExactly(car("b", 1));
    }

    @Test
    void priorityQueue_takeWaitsAndTimesOut() {
        KPriorityQueue<String> pq = k.priorityQueue("pq", String.class);
        CompletableFuture<String> taken = pq.takeAsync(PATIENCE).toCompletableFuture();
        assertThat(taken).isNotDone();
        pq.offer("x", 7);
        assertThat(done(taken)).isEqualTo("x");
        assertThat(pq.take(Duration.ofMillis(50))).isNull();
        assertThat(done(pq.takeAsync(Duration.ofMillis(50)))).isNull();
    }

    @Test
    void priorityQueue_blockingTakeFromAnotherThread() throws Exception {
        KPriorityQueue<Integer> pq = k.priorityQueue("pq", Integer.class);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> taken = pool.submit(() -> pq.take(PATIENCE));
            pq.offer(42, 0);
            assertThat(taken.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(42);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void priorityQueue_events() {
        KPriorityQueue<String> pq = k.priorityQueue("pq", String.class);
        assertThat(eventsOf(() -> {
            pq.offer("a", 2);
            pq.offer("b", 1);
            pq.poll();
            pq.take(PATIENCE);
        })).containsExactly("pq:zadd", "pq:zadd", "pq:zpopmin", "pq:zpopmin", "pq:del");
    }

    @Test
    void priorityQueue_asyncForms() {
        KPriorityQueue<String> pq = k.priorityQueue("pq", String.class);
        assertThat(done(pq.offerAsync("b", 2))).isTrue();
        assertThat(done(pq.offerAsync("a", 1))).isTrue();
        assertThat(done(pq.peekAsync())).isEqualTo(new Scored<>("a", 1));
        assertThat(done(pq.pollAsync())).isEqualTo("a");
        assertThat(done(pq.sizeAsync())).isEqualTo(1);
        assertThat(done(pq.takeAsync(PATIENCE))).isEqualTo("b");
        pq.offer("c", 3);
        assertThat(done(pq.clearAsync())).isTrue();
    }

    // ---- lock ---------------------------------------------------------------------------------------------------

    @Test
    void lock_excludesOtherHandles() {
        KLock a = k.lock("mutex");
        KLock b = k.lock("mutex");
        assertThat(a.isLocked()).isFalse();
        assertThat(a.tryLock(LONG)).isTrue();
        assertThat(b.tryLock(LONG)).isFalse();
        assertThat(a.isHeld()).isTrue();
        assertThat(b.isHeld()).isFalse();
        assertThat(b.isLocked()).isTrue();
        assertThat(k.contains("mutex")).isTrue();
        assertThat(a.unlock()).isTrue();
        assertThat(a.isLocked()).isFalse();
        assertThat(b.tryLock(LONG)).isTrue();
        assertThat(b.unlock()).isTrue();
    }

    @Test
    void lock_isNotReentrant() {
        KLock a = k.lock("mutex");
        assertThat(a.tryLock(LONG)).isTrue();
        assertThat(a.tryLock(LONG)).isFalse();
        assertThat(a.tryLock(Duration.ofMillis(50), LONG)).isFalse();
        assertThat(a.isHeld()).isTrue();
    }

    @Test
    void lock_unlockByAnotherHandleDoesNothing() {
        KLock a = k.lock("mutex");
        KLock b = k.lock("mutex");
        assertThat(b.unlock()).isFalse();
        a.tryLock(LONG);
        assertThat(b.unlock()).isFalse();
        assertThat(b.extend(LONG)).isFalse();
        assertThat(a.isHeld()).isTrue();
    }

    @Test
    void lock_freesItselfWhenTheLeaseEnds() {
        KLock a = k.lock("mutex");
        assertThat(a.tryLock(SHORT)).isTrue();
        await().atMost(PATIENCE).until(() -> !a.isLocked());
        assertThat(a.isHeld()).isFalse();
        assertThat(a.unlock()).isFalse();
        assertThat(a.extend(LONG)).isFalse();
        assertThat(k.lock("mutex").tryLock(LONG)).isTrue();
    }

    @Test
    void lock_ofADeadHolderIsTakenByAWaiterWhenTheLeaseEnds() {
        KLock dead = k.lock("mutex");
        dead.tryLock(SHORT);
        KLock waiter = k.lock("mutex");
        assertThat(waiter.tryLock(PATIENCE, LONG)).isTrue();
        assertThat(waiter.isHeld()).isTrue();
        assertThat(dead.isHeld()).isFalse();
    }

    @Test
    void lock_waiterGetsTheLockOnUnlock() {
        KLock a = k.lock("mutex");
        KLock b = k.lock("mutex");
        a.tryLock(LONG);
        CompletableFuture<Boolean> got = b.tryLockAsync(PATIENCE, LONG).toCompletableFuture();
        assertThat(got).isNotDone();
        a.unlock();
        assertThat(done(got)).isTrue();
        assertThat(b.isHeld()).isTrue();
    }

    @Test
    void lock_waitTimesOut() {
        KLock a = k.lock("mutex");
        KLock b = k.lock("mutex");
        a.tryLock(LONG);
        assertThat(b.tryLock(Duration.ofMillis(50), LONG)).isFalse();
        assertThat(done(b.tryLockAsync(Duration.ofMillis(50), LONG))).isFalse();
        assertThat(a.isHeld()).isTrue();
    }

    @Test
    void lock_extendKeepsItHeld() {
        KLock a = k.lock("mutex");
        a.tryLock(SHORT);
        assertThat(a.extend(LONG)).isTrue();
        await().during(SHORT.multipliedBy(3)).atMost(PATIENCE).until(a::isHeld);
    }

    @Test
    void lock_refusesNonPositiveDurations() {
        KLock a = k.lock("mutex");
        assertThatThrownBy(() -> a.tryLock(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.tryLock(Duration.ofSeconds(-1), LONG)).isInstanceOf(IllegalArgumentException.class);
        assertThat(a.isLocked()).isFalse();
    }

    @Test
    void lock_excludesUnderContention() throws Exception {
        int threads = 4;
        int rounds = 25;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        k.put("counter", 0);
        runConcurrently(threads, () -> {
            KLock lock = k.lock("mutex");
            for (int r = 0; r < rounds; r++) {
                assertThat(lock.tryLock(Duration.ofSeconds(30), LONG)).isTrue();
                int now = inside.incrementAndGet();
                maxInside.accumulateAndGet(now, Math::max);
                k.put("counter", k.get("counter", Integer.class) + 1);
                inside.decrementAndGet();
                assertThat(lock.unlock()).isTrue();
            }
        });
        assertThat(maxInside).hasValue(1);
        assertThat(k.get("counter", Integer.class)).isEqualTo(threads * rounds);
        assertThat(k.contains("mutex")).isFalse();
    }

    @Test
    void lock_events() {
        KLock a = k.lock("mutex");
        assertThat(eventsOf(() -> {
            a.tryLock(LONG);
            a.tryLock(LONG);
            a.extend(LONG);
            a.unlock();
            a.unlock();
        })).containsExactly("mutex:set", "mutex:expire", "mutex:expire", "mutex:del");
    }

    @Test
    void lock_asyncForms() {
        KLock a = k.lock("mutex");
        KLock b = k.lock("mutex");
        assertThat(done(a.tryLockAsync(LONG))).isTrue();
        assertThat(done(b.tryLockAsync(LONG))).isFalse();
        assertThat(done(a.isLockedAsync())).isTrue();
        assertThat(done(a.isHeldAsync())).isTrue();
        assertThat(done(b.isHeldAsync())).isFalse();
        assertThat(done(a.extendAsync(LONG))).isTrue();
        CompletableFuture<Boolean> waiting = b.tryLockAsync(PATIENCE, LONG).toCompletableFuture();
        assertThat(done(a.unlockAsync())).isTrue();
        assertThat(done(waiting)).isTrue();
        assertThat(done(b.unlockAsync())).isTrue();
        assertThat(done(b.isLockedAsync())).isFalse();
    }

    // ---- change notifications -----------------------------------------------------------------------------------

    @Test
    void changes_carryKeyNameScopeAndCommandInOrder() {
        TestObserver<KnowledgeEvent> to = k.changes("*").test();
        k.put("speed_limit", 80);
        k.set("cars", String.class).add("a");
        k.map("speeds", Integer.class).put("a", 50);
        k.remove("speed_limit");
        to.awaitCount(4);
        String p = "k.loop." + uid + ".";
        Scope s = Scope.loop(uid);
        var events = assertThat(to.values()).extracting(KnowledgeEvent::scope, KnowledgeEvent::key,
                KnowledgeEvent::name, KnowledgeEvent::command);
        var all = new org.assertj.core.groups.Tuple[] {
                tuple(s, p + "speed_limit", "speed_limit", "set"),
                tuple(s, p + "cars", "cars", "sadd"),
                tuple(s, p + "speeds", "speeds", "hset"),
                tuple(s, p + "speed_limit", "speed_limit", "del")};
        if (changesOrderedAcrossKeys()) {
            events.containsExactly(all);
        } else {
            events.containsExactlyInAnyOrder(all);
            assertThat(to.values()).filteredOn(e -> e.name().equals("speed_limit"))
                    .extracting(KnowledgeEvent::command).containsExactly("set", "del");
        }
        to.dispose();
    }

    /**
     * Whether change events of different keys arrive in the order of their writes; a Redis Cluster keeps the order
     * per key only, as the keys' events come from their own primaries.
     */
    protected boolean changesOrderedAcrossKeys() {
        return true;
    }

    @Test
    void changes_keepOrderOverManyWrites() {
        int n = 500;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add("l:rpush");
        }
        KList<Integer> l = k.list("l", Integer.class);
        List<KnowledgeEvent> seen = new CopyOnWriteArrayList<>();
        subscriptions.add(k.changes("l").subscribe(seen::add));
        for (int i = 0; i < n; i++) {
            l.append(i);
        }
        l.clear();
        expected.add("l:del");
        await().atMost(PATIENCE).until(() -> seen.size() == n + 1);
        assertThat(seen).extracting(e -> e.name() + ":" + e.command()).containsExactlyElementsOf(expected);
    }

    @Test
    void changes_filterByCommandLikePyMape() {
        List<KnowledgeEvent> seen = new CopyOnWriteArrayList<>();
        subscriptions.add(k.changes("cars", "sadd", "srem").subscribe(seen::add));
        KSet<String> cars = k.set("cars", String.class);
        cars.add("a");
        cars.add("b");
        cars.remove("a");
        k.put("other", 1);
        cars.clear();
        cars.add("c");
        await().atMost(PATIENCE).until(() -> seen.size() == 4);
        assertThat(seen).extracting(KnowledgeEvent::command).containsExactly("sadd", "sadd", "srem", "sadd");
    }

    @Test
    void changes_matchGlobPatterns() {
        List<String> starred = new CopyOnWriteArrayList<>();
        List<String> single = new CopyOnWriteArrayList<>();
        List<String> classed = new CopyOnWriteArrayList<>();
        subscriptions.add(k.changes("car_*").subscribe(e -> starred.add(e.name())));
        subscriptions.add(k.changes("car_?").subscribe(e -> single.add(e.name())));
        subscriptions.add(k.changes("[bc]*").subscribe(e -> classed.add(e.name())));
        for (String name : List.of("car_a", "bus", "car_ab", "truck", "car_b", "zz_end")) {
            k.put(name, 1);
        }
        k.put("car_end", 1);
        k.put("car_z", 1);
        k.put("car_zz", 1);
        String[] allStarred = {"car_a", "car_ab", "car_b", "car_end", "car_z", "car_zz"};
        String[] allSingle = {"car_a", "car_b", "car_z"};
        String[] allClassed = {"car_a", "bus", "car_ab", "car_b", "car_end", "car_z", "car_zz"};
        await().atMost(PATIENCE).until(() -> starred.size() >= allStarred.length && single.size() >= allSingle.length
                && classed.size() >= allClassed.length);
        if (changesOrderedAcrossKeys()) {
            assertThat(starred).containsExactly(allStarred);
            assertThat(single).containsExactly(allSingle);
            assertThat(classed).containsExactly(allClassed);
        } else {
            assertThat(starred).containsExactlyInAnyOrder(allStarred);
            assertThat(single).containsExactlyInAnyOrder(allSingle);
            assertThat(classed).containsExactlyInAnyOrder(allClassed);
        }
    }

    @Test
    void changes_stayInTheirScope() {
        Knowledge app = backend.knowledge(Scope.app());
        List<KnowledgeEvent> appSeen = new CopyOnWriteArrayList<>();
        List<KnowledgeEvent> loopSeen = new CopyOnWriteArrayList<>();
        String name = uid + "_x";
        subscriptions.add(app.changes(uid + "*").subscribe(appSeen::add));
        subscriptions.add(k.changes("*").subscribe(loopSeen::add));
        k.put(name, 1);
        app.put(name, 2);
        await().atMost(PATIENCE).until(() -> appSeen.size() == 1 && loopSeen.size() == 1);
        k.put(name + "_end", 1);
        app.put(name + "_end", 1);
        await().atMost(PATIENCE).until(() -> appSeen.size() == 2 && loopSeen.size() == 2);
        assertThat(appSeen.get(0).scope()).isEqualTo(Scope.app());
        assertThat(appSeen.get(0).key()).isEqualTo("k.app." + name);
        assertThat(loopSeen.get(0).scope()).isEqualTo(Scope.loop(uid));
        assertThat(loopSeen.get(0).key()).isEqualTo("k.loop." + uid + "." + name);
    }

    @Test
    void changes_seeOnlyWritesAfterSubscribe() {
        k.put("before", 1);
        List<KnowledgeEvent> seen = new CopyOnWriteArrayList<>();
        subscriptions.add(k.changes("*").subscribe(seen::add));
        k.put("after", 1);
        await().atMost(PATIENCE).until(() -> seen.size() == 1);
        assertThat(seen.get(0).name()).isEqualTo("after");
    }

    @Test
    void changes_neverBlockWriters() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstArrived = new CountDownLatch(1);
        List<KnowledgeEvent> seen = Collections.synchronizedList(new ArrayList<>());
        subscriptions.add(k.changes("*").subscribe(e -> {
            firstArrived.countDown();
            release.await();
            seen.add(e);
        }));
        int n = 300;
        k.put("v", -1);
        assertThat(firstArrived.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertTimeoutPreemptively(PATIENCE, () -> {
            for (int i = 0; i < n; i++) {
                k.put("v", i);
            }
        });
        assertThat(k.get("v", Integer.class)).isEqualTo(n - 1);
        release.countDown();
        await().atMost(PATIENCE).until(() -> seen.size() == n + 1);
    }

    @Test
    void changes_ofOneObserverDoNotWaitForAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slow = new AtomicInteger();
        subscriptions.add(k.changes("*").subscribe(e -> {
            release.await();
            slow.incrementAndGet();
        }));
        List<KnowledgeEvent> fast = new CopyOnWriteArrayList<>();
        subscriptions.add(k.changes("*").subscribe(fast::add));
        k.put("a", 1);
        k.put("b", 2);
        await().atMost(PATIENCE).until(() -> fast.size() == 2);
        assertThat(slow).hasValue(0);
        release.countDown();
        // disposing an observer while it waits in release.await() interrupts it: an UndeliverableException
        await().atMost(PATIENCE).until(() -> slow.get() == 2);
    }

    @Test
    void changes_completeWhenTheBackendCloses() {
        TestObserver<KnowledgeEvent> to = k.changes("*").test();
        backend.close();
        to.awaitDone(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        to.assertComplete();
    }

    // ---- atomic operations --------------------------------------------------------------------------------------

    @Test
    void increment_countsAMissingKeyAsZero() {
        assertThat(k.increment("n")).isEqualTo(1);
        assertThat(k.increment("n", 5)).isEqualTo(6);
        assertThat(k.decrement("n")).isEqualTo(5);
        assertThat(k.decrement("n", 10)).isEqualTo(-5);
        assertThat(k.decrement("m", 2)).isEqualTo(-2);
        assertThat(k.get("n", Long.class)).isEqualTo(-5L);
        k.put("i", 41);
        assertThat(k.increment("i")).isEqualTo(42);
        assertThat(k.get("i", Integer.class)).isEqualTo(42);
    }

    @Test
    void increment_ofWhatIsNotAnIntegerFails() {
        k.put("s", "x");
        k.put("f", 1.5);
        k.put("max", Long.MAX_VALUE);
        k.set("cars", String.class).add("a");
        assertThatThrownBy(() -> k.increment("s")).isInstanceOf(KnowledgeException.class);
        assertThatThrownBy(() -> k.increment("f")).isInstanceOf(KnowledgeException.class);
        assertThatThrownBy(() -> k.increment("max")).isInstanceOf(KnowledgeException.class);
        assertThatThrownBy(() -> k.increment("cars")).isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("WRONGTYPE");
        assertThat(k.get("max", Long.class)).isEqualTo(Long.MAX_VALUE);
        assertThat(k.get("s", String.class)).isEqualTo("x");
    }

    @Test
    void increment_keepsTheExpiry() {
        k.put("n", 1, LONG);
        k.increment("n");
        assertThat(k.ttl("n")).hasValueSatisfying(t -> assertThat(t).isPositive().isLessThanOrEqualTo(LONG));
    }

    @Test
    void increment_isAtomicUnderContention() throws Exception {
        int threads = 4;
        int rounds = 250;
        runConcurrently(threads, () -> {
            for (int r = 0; r < rounds; r++) {
                k.increment("hits");
                k.map("by_thread", Long.class).increment("all", 1);
            }
        });
        assertThat(k.get("hits", Long.class)).isEqualTo(threads * rounds);
        assertThat(k.map("by_thread", Long.class).get("all")).isEqualTo(threads * rounds);
    }

    @Test
    void increment_events() {
        assertThat(eventsOf(() -> {
            k.increment("n");
            k.decrement("n", 3);
        })).containsExactly("n:incrby", "n:incrby");
    }

    @Test
    void compareAndSet_setsOnlyWhatItExpects() {
        assertThat(k.compareAndSet("leader", null, "car_a")).isTrue();
        assertThat(k.compareAndSet("leader", null, "car_b")).isFalse();
        assertThat(k.compareAndSet("leader", "car_b", "car_c")).isFalse();
        assertThat(k.get("leader", String.class)).isEqualTo("car_a");
        assertThat(k.compareAndSet("leader", "car_a", "car_b")).isTrue();
        assertThat(k.get("leader", String.class)).isEqualTo("car_b");
        Car a = car("a", 90);
        assertThat(k.compareAndSet("car", null, a)).isTrue();
        assertThat(k.compareAndSet("car", car("a", 90), car("a", 100))).isTrue();
        assertThat(k.get("car", Car.class)).isEqualTo(car("a", 100));
        assertThat(k.compareAndSet("car", car("a", 90), null)).isFalse();
        assertThat(k.compareAndSet("car", car("a", 100), null)).isTrue();
        assertThat(k.contains("car")).isFalse();
        assertThat(k.compareAndSet("nothing", null, null)).isTrue();
        assertThat(k.contains("nothing")).isFalse();
    }

    @Test
    void compareAndSet_clearsTheExpiryAndRefusesCollections() {
        k.put("v", 1, SHORT);
        assertThat(k.compareAndSet("v", 1, 2)).isTrue();
        assertThat(k.ttl("v")).isEmpty();
        k.list("l", Integer.class).append(1);
        assertThatThrownBy(() -> k.compareAndSet("l", null, 1)).isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("WRONGTYPE");
        assertThat(k.list("l", Integer.class).size()).isEqualTo(1);
    }

    @Test
    void compareAndSet_events() {
        assertThat(eventsOf(() -> {
            k.compareAndSet("v", null, 1);
            k.compareAndSet("v", null, 2);
            k.compareAndSet("v", 1, 3);
            k.compareAndSet("v", 3, null);
        })).containsExactly("v:set", "v:set", "v:del");
    }

    @Test
    void update_replacesByAFunctionOfTheValue() {
        assertThat(k.update("car", Car.class, c -> c == null ? car("a", 0) : c)).isEqualTo(car("a", 0));
        assertThat(k.update("car", Car.class, c -> new Car(c.id(), c.speed() + 10, c.tags())))
                .isEqualTo(new Car("a", 10, List.of("t0")));
        Map<String, Integer> counts = k.update("counts", new TypeRef<Map<String, Integer>>() { }, m -> {
            Map<String, Integer> next = m == null ? new LinkedHashMap<>() : new LinkedHashMap<>(m);
            next.merge("a", 1, Integer::sum);
            return next;
        });
        assertThat(counts).containsEntry("a", 1);
        assertThat(k.update("car", Car.class, c -> null)).isNull();
        assertThat(k.contains("car")).isFalse();
    }

    @Test
    void update_isAtomicUnderContention() throws Exception {
        int threads = 4;
        int rounds = 50;
        runConcurrently(threads, () -> {
            for (int r = 0; r < rounds; r++) {
                k.update("car", Car.class, c -> c == null ? car("a", 1) : new Car(c.id(), c.speed() + 1, c.tags()));
            }
        });
        assertThat(k.get("car", Car.class).speed()).isEqualTo(threads * rounds);
    }

    @Test
    void atomic_asyncForms() {
        assertThat(done(k.incrementAsync("n", 2))).isEqualTo(2);
        assertThat(done(k.decrementAsync("n", 1))).isEqualTo(1);
        assertThat(done(k.compareAndSetAsync("n", 1, 5))).isTrue();
        assertThat(done(k.updateAsync("n", TypeRef.of(Integer.class), i -> i * 2))).isEqualTo(10);
        KMap<Integer> m = k.map("m", Integer.class);
        assertThat(done(m.putIfAbsentAsync("a", 1))).isTrue();
        assertThat(done(m.incrementAsync("a", 2))).isEqualTo(3);
        k.put("s", "x");
        assertThat(k.incrementAsync("s", 1).toCompletableFuture()).failsWithin(PATIENCE)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(KnowledgeException.class);
    }

    @Test
    void map_putIfAbsentAndIncrement() {
        KMap<Integer> m = k.map("m", Integer.class);
        assertThat(m.putIfAbsent("a", 1)).isTrue();
        assertThat(m.putIfAbsent("a", 2)).isFalse();
        assertThat(m.get("a")).isEqualTo(1);
        assertThat(m.increment("a", 4)).isEqualTo(5);
        assertThat(m.increment("b", -1)).isEqualTo(-1);
        assertThat(m.entries()).containsExactly(Map.entry("a", 5), Map.entry("b", -1));
        KMap<String> names = k.map("names", String.class);
        names.put("a", "x");
        assertThatThrownBy(() -> names.increment("a", 1)).isInstanceOf(KnowledgeException.class);
        assertThat(eventsOf(() -> {
            m.putIfAbsent("c", 1);
            m.putIfAbsent("c", 1);
            m.increment("c", 1);
        })).containsExactly("m:hset", "m:hincrby");
    }

    // ---- expiry -------------------------------------------------------------------------------------------------

    @Test
    void expire_ofAKeyEndsItAndPersistKeepsIt() {
        assertThat(k.expire("absent", SHORT)).isFalse();
        assertThat(k.ttl("absent")).isEmpty();
        k.put("v", 1);
        assertThat(k.ttl("v")).isEmpty();
        assertThat(k.persist("v")).isFalse();
        assertThat(k.expire("v", LONG)).isTrue();
        assertThat(k.ttl("v")).hasValueSatisfying(t -> assertThat(t).isPositive().isLessThanOrEqualTo(LONG));
        assertThat(k.persist("v")).isTrue();
        assertThat(k.ttl("v")).isEmpty();
        k.put("w", 1);
        assertThat(k.expire("w", SHORT)).isTrue();
        await().atMost(PATIENCE).until(() -> !k.contains("w"));
        assertThat(k.contains("v")).isTrue();
        assertThatThrownBy(() -> k.expire("v", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expire_ofCollectionsSurvivesWritesThenEndsThem() {
        KList<Integer> list = k.list("list", Integer.class);
        KMap<Integer> map = k.map("map", Integer.class);
        KSet<Integer> set = k.set("set", Integer.class);
        KSortedSet<Integer> zset = k.sortedSet("zset", Integer.class);
        KQueue<Integer> queue = k.queue("queue", Integer.class);
        List<io.mape.knowledge.KCollection> all = List.of(list, map, set, zset, queue);
        for (io.mape.knowledge.KCollection c : all) {
            assertThat(c.expire(LONG)).as("%s while empty", c.name()).isFalse();
            assertThat(c.ttl()).isEmpty();
        }
        list.append(1);
        map.put("a", 1);
        set.add(1);
        zset.add(1, 1);
        queue.offer(1);
        for (io.mape.knowledge.KCollection c : all) {
            assertThat(c.expire(LONG)).as(c.name()).isTrue();
        }
        list.append(2);
        map.put("b", 2);
        set.add(2);
        zset.add(2, 2);
        queue.offer(2);
        for (io.mape.knowledge.KCollection c : all) {
            assertThat(c.ttl()).as("%s after a write", c.name()).isPresent();
            assertThat(c.persist()).isTrue();
            assertThat(c.ttl()).isEmpty();
            assertThat(c.expire(SHORT)).isTrue();
        }
        await().atMost(PATIENCE).until(() -> all.stream().allMatch(c -> c.size() == 0));
        assertThat(k.keys("*")).isEmpty();
    }

    @Test
    void expire_events() {
        List<KnowledgeEvent> seen = new CopyOnWriteArrayList<>();
        subscriptions.add(k.changes("v").subscribe(seen::add));
        k.put("v", 1);
        k.expire("v", LONG);
        k.persist("v");
        k.persist("v");
        k.expire("v", SHORT);
        await().atMost(PATIENCE).until(() -> seen.size() == 5);
        assertThat(seen).extracting(KnowledgeEvent::command)
                .containsExactly("set", "expire", "persist", "expire", "expired");
    }

    @Test
    void expire_asyncForms() {
        KSet<String> cars = k.set("cars", String.class);
        cars.add("a");
        k.put("v", 1);
        assertThat(done(k.expireAsync("v", LONG))).isTrue();
        assertThat(done(k.ttlAsync("v"))).isPresent();
        assertThat(done(k.persistAsync("v"))).isTrue();
        assertThat(done(cars.expireAsync(LONG))).isTrue();
        assertThat(done(cars.ttlAsync())).isPresent();
        assertThat(done(cars.persistAsync())).isTrue();
        assertThat(done(cars.ttlAsync())).isEqualTo(Optional.empty());
    }

    // ---- namespaces ---------------------------------------------------------------------------------------------

    @Test
    void namespace_defaultIsPyMapesKeys() {
        assertThat(k.scope().namespace()).isEmpty();
        assertThat(k.key("x")).isEqualTo("k.loop." + uid + ".x");
        assertThat(backend.knowledge(Scope.app()).key("x")).isEqualTo("k.app.x");
    }

    @Test
    void namespace_goesInFrontOfEveryKeyAndEvent() {
        String ns = "ns_" + uid;
        try (KnowledgeBackend spaced = createBackend(ns)) {
            Knowledge app = spaced.knowledge(Scope.app());
            Knowledge loop = spaced.knowledge(Scope.loop(uid));
            try {
                assertThat(app.scope()).isEqualTo(Scope.app().in(ns));
                assertThat(app.key("x")).isEqualTo(ns + ":k.app.x");
                assertThat(loop.key("x")).isEqualTo(ns + ":k.loop." + uid + ".x");
                List<KnowledgeEvent> seen = new CopyOnWriteArrayList<>();
                subscriptions.add(app.changes("*").subscribe(seen::add));
                app.put("x", 1);
                app.list("l", Integer.class).append(1);
                assertThat(app.keys("*")).containsExactly("l", "x");
                assertThat(app.get("x", Integer.class)).isEqualTo(1);
                await().atMost(PATIENCE).until(() -> seen.size() == 2);
                assertThat(seen).extracting(KnowledgeEvent::key, KnowledgeEvent::name, KnowledgeEvent::command)
                        .containsExactly(tuple(ns + ":k.app.x", "x", "set"), tuple(ns + ":k.app.l", "l", "rpush"));
                assertThat(backend.knowledge(Scope.app()).contains("x")).isFalse();
            } finally {
                app.keys("*").forEach(app::remove);
                loop.keys("*").forEach(loop::remove);
            }
        }
    }

    /** Runs {@code work} on {@code threads} threads at once, failing with the first failure. */
    protected static void runConcurrently(int threads, Runnable work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    work.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> w : workers) {
                w.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- closing ------------------------------------------------------------------------------------------------

    @Test
    void close_failsWaitersAndLaterOperations() {
        KQueue<String> q = k.queue("q", String.class);
        CompletableFuture<String> waiting = q.takeAsync(LONG).toCompletableFuture();
        backend.close();
        await().atMost(PATIENCE).until(waiting::isDone);
        assertThat(waiting).isCompletedExceptionally();
        assertThatThrownBy(() -> k.put("x", 1)).isInstanceOf(KnowledgeException.class);
        backend.close();
    }
}
