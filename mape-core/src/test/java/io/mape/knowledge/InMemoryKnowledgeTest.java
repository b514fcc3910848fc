package io.mape.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.knowledge.spi.KnowledgeBackend;
import io.mape.knowledge.tck.KnowledgeTck;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-memory backend passes the TCK, plus what only it promises. */
class InMemoryKnowledgeTest extends KnowledgeTck {

    @Override
    protected KnowledgeBackend createBackend() {
        return InMemoryKnowledgeBackend.create();
    }

    @Override
    protected KnowledgeBackend createBackend(String namespace) {
        return InMemoryKnowledgeBackend.builder().namespace(namespace).build();
    }

    @Test
    void aTrampolineEventSchedulerDeliversOnTheWritersThread() {
        try (InMemoryKnowledgeBackend b = InMemoryKnowledgeBackend.builder()
                .eventScheduler(Schedulers.trampoline()).build()) {
            Knowledge kk = b.knowledge(Scope.app());
            List<String> threads = new ArrayList<>();
            kk.changes("*").subscribe(e -> threads.add(Thread.currentThread().getName()));
            kk.put("x", 1);
            assertThat(threads).containsExactly(Thread.currentThread().getName());
        }
    }

    @Test
    void eventsArriveOffTheWritersThreadByDefault() {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        k.changes("*").subscribe(e -> threads.add(Thread.currentThread().getName()));
        k.put("x", 1);
        org.awaitility.Awaitility.await().until(() -> threads.size() == 1);
        assertThat(threads.get(0)).isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void oneKnowledgePerScope() {
        assertThat(backend().knowledge(Scope.loop(uid))).isSameAs(k);
        assertThat(backend().knowledge(Scope.app())).isSameAs(backend().knowledge(Scope.app()));
    }

    @Test
    void closedBackendRefusesNewScopes() {
        InMemoryKnowledgeBackend b = InMemoryKnowledgeBackend.create();
        assertThat(b.isClosed()).isFalse();
        b.close();
        assertThat(b.isClosed()).isTrue();
        assertThat(b).hasToString("InMemoryKnowledgeBackend[closed]");
        assertThatThrownBy(() -> b.knowledge(Scope.app())).isInstanceOf(KnowledgeException.class);
    }

    @Test
    void expiredKeysAreDroppedEvenIfNobodyReadsThem() {
        k.put("a", 1, Duration.ofMillis(50));
        k.put("b", 1, Duration.ofMillis(50));
        org.awaitility.Awaitility.await().until(() -> k.keys("*").isEmpty());
    }

    @Test
    void expiryLeasesAndTakeTimeoutsRunOnTheClock() {
        TestScheduler clock = new TestScheduler();
        try (InMemoryKnowledgeBackend b = InMemoryKnowledgeBackend.builder().clock(clock)
                .eventScheduler(Schedulers.trampoline()).build()) {
            Knowledge kk = b.knowledge(Scope.app());
            List<String> events = new ArrayList<>();
            kk.changes("*").subscribe(e -> events.add(e.name() + ":" + e.command()));
            kk.put("alarm", true, Duration.ofSeconds(30));
            kk.list("readings", Integer.class).append(1);
            kk.list("readings", Integer.class).expire(Duration.ofMinutes(5));
            KLock lock = kk.lock("plan");
            assertThat(lock.tryLock(Duration.ofSeconds(10))).isTrue();
            CompletableFuture<String> take = kk.queue("q", String.class).takeAsync(Duration.ofSeconds(20))
                    .toCompletableFuture();

            clock.advanceTimeBy(10, TimeUnit.SECONDS);
            assertThat(lock.isLocked()).isFalse();
            assertThat(kk.ttl("alarm")).contains(Duration.ofSeconds(20));
            clock.advanceTimeBy(10, TimeUnit.SECONDS);
            assertThat(take).isCompletedWithValue(null);
            clock.advanceTimeBy(9_999, TimeUnit.MILLISECONDS);
            assertThat(kk.contains("alarm")).isTrue();
            clock.advanceTimeBy(1, TimeUnit.MILLISECONDS);
            assertThat(kk.contains("alarm")).isFalse();
            assertThat(kk.keys("*")).containsExactly("readings");
            clock.advanceTimeBy(270, TimeUnit.SECONDS);
            assertThat(kk.keys("*")).isEmpty();
            assertThat(events).containsExactly("alarm:set", "alarm:expire", "readings:rpush", "readings:expire",
                    "plan:set", "plan:expire", "plan:expired", "alarm:expired", "readings:expired");
        }
    }
}
