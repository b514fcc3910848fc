package io.mape.internal;

import static io.mape.TestHelper.race;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialGateTest {

    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final List<Throwable> faults = new ArrayList<>();

    private SerialGate<Integer> gate(List<Integer> got, int capacity) {
        return new SerialGate<>(x -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            got.add(x);
            inside.decrementAndGet();
        }, (x, t) -> faults.add(t), capacity);
    }

    @Test
    void twoThreadsNeverOverlapAndLoseNothing() {
        List<Integer> got = new ArrayList<>();
        SerialGate<Integer> g = gate(got, Integer.MAX_VALUE);
        race(2_000, () -> new Runnable[] {() -> g.force(1), () -> g.force(2)});

        assertThat(overlaps.get()).isZero();
        assertThat(got).hasSize(4_000);
        assertThat(g.isBusy()).isFalse();
    }

    @Test
    void aThrowingConsumerErrorsIncludedNeverWedgesTheGate() {
        List<Integer> got = new ArrayList<>();
        SerialGate<Integer> g = new SerialGate<>(x -> {
            if (x == 1) {
                throw new StackOverflowError();
            }
            got.add(x);
        }, (x, t) -> faults.add(t), 10);

        g.force(1);
        g.force(2);

        assertThat(got).containsExactly(2);
        assertThat(faults).singleElement().isInstanceOf(StackOverflowError.class);
        assertThat(g.isBusy()).isFalse();
    }

    @Test
    void reentrantCallsQueueAndOfferRefusesBeyondCapacity() {
        List<Integer> got = new ArrayList<>();
        List<Boolean> accepted = new ArrayList<>();
        SerialGate<Integer>[] self = new SerialGate[1];
        self[0] = new SerialGate<>(x -> {
            if (x == 0) {
                for (int i = 1; i <= 5; i++) {
                    accepted.add(self[0].offer(i));
                }
                assertThat(got).as("not recursed").isEmpty();
            }
            got.add(x);
        }, (x, t) -> faults.add(t), 3);

        self[0].offer(0);

        assertThat(accepted).containsExactly(true, true, true, false, false);
        assertThat(got).containsExactly(0, 1, 2, 3);
        assertThat(self[0].size()).isZero();
    }
}
