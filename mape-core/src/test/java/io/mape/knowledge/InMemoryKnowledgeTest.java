package io.mape.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.knowledge.spi.KnowledgeBackend;
import io.mape.knowledge.tck.KnowledgeTck;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory backend passes the TCK, plus what only it promises. */
class InMemoryKnowledgeTest extends KnowledgeTck {

    @Override
    protected KnowledgeBackend createBackend() {
        return InMemoryKnowledgeBackend.create();
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
}
