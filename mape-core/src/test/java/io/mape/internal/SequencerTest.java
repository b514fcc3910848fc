package io.mape.internal;

import static io.mape.TestHelper.race;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SequencerTest {

    private final Map<Integer, CompletableFuture<Void>> stages = new ConcurrentHashMap<>();
    private final List<String> done = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final SerialGate<Object> context = new SerialGate<>(this::inContext, (x, t) -> { throw new AssertionError(t); }, 1000);
    private Sequencer<Integer> seq;

    private void inContext(Object x) {
        if (x instanceof Sequencer.Resume r) {
            seq.resume(r);
        } else {
            seq.offer((Integer) x);
        }
    }

    private Sequencer<Integer> sequencer(long timeoutNanos) {
        seq = new Sequencer<>(x -> stages.computeIfAbsent(x, k -> new CompletableFuture<>()),
                (x, t) -> done.add(x + (t == null ? "" : " " + t.getClass().getSimpleName())),
                context::force, () -> 2, () -> timeoutNanos);
        return seq;
    }

    @Test
    void oneInFlightInOrderWithABoundedWait() {
        sequencer(0);
        for (int i = 1; i <= 4; i++) {
            context.force(i);
        }
        assertThat(stages).containsOnlyKeys(1);
        assertThat(seq.pending()).as("1 in flight, 2 and 3 wait, 4 refused").isEqualTo(3);

        stages.get(1).complete(null);
        stages.get(2).completeExceptionally(new IllegalStateException());
        stages.get(3).complete(null);

        assertThat(done).containsExactly("1", "2 IllegalStateException", "3");
        assertThat(seq.pending()).isZero();
    }

    @Test
    void aStageThatMissesItsTimeoutFailsAndItsLateEndIsIgnored() {
        sequencer(TimeUnit.MILLISECONDS.toNanos(50));
        stages.put(2, CompletableFuture.completedFuture(null));
        context.force(1);
        context.force(2);

        await().atMost(5, TimeUnit.SECONDS).until(() -> seq.pending() == 0);
        stages.get(1).complete(null);
        context.force(3);
        stages.get(3).complete(null);
        assertThat(done).containsExactly("1 TimeoutException", "2", "3");
    }

    @Test
    void completionRacingTheTimeoutEndsTheStageOnce() {
        for (int i = 0; i < 300; i++) {
            done.clear();
            stages.clear();
            sequencer(TimeUnit.MICROSECONDS.toNanos(200));
            context.force(1);
            CompletableFuture<Void> f = stages.get(1);
            race(() -> f.complete(null), () -> context.force(2));
            await().pollInterval(java.time.Duration.ofMillis(1)).atMost(5, TimeUnit.SECONDS).until(() -> stages.containsKey(2));
            stages.get(2).complete(null);
            await().pollInterval(java.time.Duration.ofMillis(1)).atMost(5, TimeUnit.SECONDS).until(() -> seq.pending() == 0);
            assertThat(done).hasSize(2);
            assertThat(done.get(0)).isIn("1", "1 TimeoutException");
        }
    }

    @Test
    void cutHandsOverWhatWaits() {
        sequencer(0);
        context.force(1);
        context.force(2);
        List<Integer> cut = new ArrayList<>();

        seq.cut(cut::add);
        stages.get(1).complete(null);

        assertThat(cut).containsExactly(2);
        assertThat(done).containsExactly("1");
    }
}
