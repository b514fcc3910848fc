package io.mape.internal;

import static io.mape.TestHelper.race;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SequencerTest {

    /**
     * A sequencer in its own serialized context. Each race round gets a new one: a timer of an earlier round may
     * still be inside that round's context, and must not reach this one's.
     */
    private static final class Rig {
        final Map<Integer, CompletableFuture<Void>> stages = new ConcurrentHashMap<>();
        final List<String> done = new CopyOnWriteArrayList<>();
        final SerialGate<Object> context = new SerialGate<>(this::inContext, (x, t) -> { throw new AssertionError(t); }, 1000);
        final Sequencer<Integer> seq;

        Rig(long timeoutNanos) {
            seq = new Sequencer<>(x -> stages.computeIfAbsent(x, k -> new CompletableFuture<>()),
                    (x, t) -> done.add(x + (t == null ? "" : " " + t.getClass().getSimpleName())),
                    context::force, () -> 2, () -> timeoutNanos);
        }

        private void inContext(Object x) {
            if (x instanceof Sequencer.Resume r) {
                seq.resume(r);
            } else {
                seq.offer((Integer) x);
            }
        }

        CompletableFuture<Void> stage(int item) {
            await().pollInterval(Duration.ofMillis(1)).atMost(5, TimeUnit.SECONDS).until(() -> stages.containsKey(item));
            return stages.get(item);
        }
    }

    @Test
    void oneInFlightInOrderWithABoundedWait() {
        Rig rig = new Rig(0);
        for (int i = 1; i <= 4; i++) {
            rig.context.force(i);
        }
        assertThat(rig.stages).containsOnlyKeys(1);
        assertThat(rig.seq.pending()).as("1 in flight, 2 and 3 wait, 4 refused").isEqualTo(3);

        rig.stages.get(1).complete(null);
        rig.stages.get(2).completeExceptionally(new IllegalStateException());
        rig.stages.get(3).complete(null);

        assertThat(rig.done).containsExactly("1", "2 IllegalStateException", "3");
        assertThat(rig.seq.pending()).isZero();
    }

    @Test
    void aStageThatMissesItsTimeoutFailsAndItsLateEndIsIgnored() {
        Rig rig = new Rig(TimeUnit.MILLISECONDS.toNanos(50));
        rig.stages.put(2, CompletableFuture.completedFuture(null));
        rig.context.force(1);
        rig.context.force(2);

        await().atMost(5, TimeUnit.SECONDS).until(() -> rig.done.size() == 2);
        rig.stages.get(1).complete(null);
        rig.context.force(3);
        rig.stages.get(3).complete(null);
        assertThat(rig.done).containsExactly("1 TimeoutException", "2", "3");
        assertThat(rig.seq.pending()).isZero();
    }

    @Test
    void completionRacingTheTimeoutEndsTheStageOnce() {
        for (int i = 0; i < 300; i++) {
            Rig rig = new Rig(TimeUnit.MICROSECONDS.toNanos(200));
            rig.context.force(1);
            CompletableFuture<Void> first = rig.stage(1);
            race(() -> first.complete(null), () -> rig.context.force(2));
            rig.stage(2).complete(null);
            await().pollInterval(Duration.ofMillis(1)).atMost(5, TimeUnit.SECONDS).until(() -> rig.done.size() >= 2);
            assertThat(rig.done).hasSize(2);
            assertThat(rig.done.get(0)).isIn("1", "1 TimeoutException");
            assertThat(rig.done.get(1)).isIn("2", "2 TimeoutException");
            assertThat(rig.seq.pending()).isZero();
        }
    }

    @Test
    void cutHandsOverWhatWaits() {
        Rig rig = new Rig(0);
        rig.context.force(1);
        rig.context.force(2);
        List<Integer> cut = new ArrayList<>();

        rig.seq.cut(cut::add);
        rig.stages.get(1).complete(null);

        assertThat(cut).containsExactly(2);
        assertThat(rig.done).containsExactly("1");
    }
}
