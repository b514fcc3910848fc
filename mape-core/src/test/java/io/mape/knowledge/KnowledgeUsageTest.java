package io.mape.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The samples of docs/knowledge.md, as a user writes them. */
class KnowledgeUsageTest {

    record Car(String id, int speed) {
    }

    private final InMemoryKnowledgeBackend backend = InMemoryKnowledgeBackend.create();
    private final Knowledge k = backend.knowledge(Scope.loop("car_a"));

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void valuesAndVolatileKeys() {
        k.put("speed_limit", 80);
        assertThat(k.key("speed_limit")).isEqualTo("k.loop.car_a.speed_limit");
        k.put("alarm", true, Duration.ofSeconds(30));
        k.put("last_car", new Car("a", 90));
        k.put("fleet", Map.of("north", List.of(new Car("b", 50))));
        Car car = k.get("last_car", Car.class);
        Map<String, List<Car>> fleet = k.get("fleet", new TypeRef<Map<String, List<Car>>>() { });
        Integer limit = k.get("speed_limit", Integer.class);
        assertThat(car).isEqualTo(new Car("a", 90));
        assertThat(fleet.get("north")).containsExactly(new Car("b", 50));
        assertThat(limit).isEqualTo(80);
        assertThat(k.contains("speed_limit")).isTrue();
        k.remove("speed_limit");
        Set<String> names = k.keys("*");
        assertThat(names).containsExactly("alarm", "fleet", "last_car");
    }

    @Test
    void collections() {
        KMap<Integer> speeds = k.map("speeds", Integer.class);
        speeds.put("car_a", 50);
        speeds.putAll(Map.of("car_b", 60));
        speeds.remove("car_b");
        assertThat(speeds.entries()).isEqualTo(Map.of("car_a", 50));

        KSet<String> cars = k.set("cars", String.class);
        cars.add("car_a");
        cars.addAll(List.of("car_b", "car_c"));
        cars.remove("car_c");
        assertThat(cars.members()).containsExactlyInAnyOrder("car_a", "car_b");

        KList<Double> readings = k.list("readings", Double.class);
        readings.append(21.5);
        readings.prepend(20.0);
        readings.set(0, 19.5);
        assertThat(readings.get(-1)).isEqualTo(21.5);
        assertThat(readings.range(-10, -1)).containsExactly(19.5, 21.5);
        readings.remove(21.5, 0);
        assertThat(readings.popFirst()).isEqualTo(19.5);

        KSortedSet<String> ranking = k.sortedSet("ranking", String.class);
        ranking.add("car_a", 90);
        ranking.add("car_b", 120);
        assertThat(ranking.range(0, 2)).containsExactly("car_a", "car_b");
        assertThat(ranking.rangeByScore(100, Double.MAX_VALUE)).containsExactly("car_b");
        assertThat(ranking.popMax()).isEqualTo(new Scored<>("car_b", 120));

        KQueue<Car> arrivals = k.queue("arrivals", Car.class);
        arrivals.offer(new Car("a", 90));
        assertThat(arrivals.take(Duration.ofSeconds(5))).isEqualTo(new Car("a", 90));
        KQueue<String> undo = k.lifoQueue("undo", String.class);
        undo.offer("step 1");
        undo.offer("step 2");
        assertThat(undo.poll()).isEqualTo("step 2");

        KPriorityQueue<String> tasks = k.priorityQueue("tasks", String.class);
        tasks.offer("refuel", 5);
        tasks.offer("brake", 1);
        assertThat(tasks.take(Duration.ofSeconds(1))).isEqualTo("brake");
    }

    @Test
    void lock() {
        KLock lock = k.lock("plan");
        boolean acted = false;
        if (lock.tryLock(Duration.ofSeconds(10))) {
            try {
                acted = true;
            } finally {
                lock.unlock();
            }
        }
        assertThat(acted).isTrue();
        assertThat(lock.tryLock(Duration.ofSeconds(2), Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void pyMapeNotificationsInOneLine() {
        List<KnowledgeEvent> handled = new CopyOnWriteArrayList<>();
        k.changes("cars", "sadd", "srem").subscribe(handled::add);
        k.set("cars", String.class).add("car_a");
        k.map("speeds", Integer.class).put("car_a", 50);
        k.set("cars", String.class).remove("car_a");
        await().until(() -> handled.size() == 2);
        assertThat(handled).extracting(KnowledgeEvent::command).containsExactly("sadd", "srem");
        assertThat(handled.get(0).key()).isEqualTo("k.loop.car_a.cars");
    }

    @Test
    void asyncForms() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        k.putAsync("speed_limit", 80)
                .thenCompose(v -> k.getAsync("speed_limit", Integer.class))
                .thenAccept(seen::add);
        KQueue<Car> arrivals = k.queue("arrivals", Car.class);
        arrivals.takeAsync(Duration.ofSeconds(5)).thenAccept(car -> seen.add(car.speed()));
        arrivals.offer(new Car("a", 90));
        await().until(() -> seen.size() == 2);
        assertThat(seen).containsExactly(80, 90);
    }
}
