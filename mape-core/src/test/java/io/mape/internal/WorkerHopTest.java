package io.mape.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WorkerHopTest {

    @Test
    void closeHandsOverTheBacklogAndDoesNotInterruptTheItemInFlight() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        List<Integer> got = new CopyOnWriteArrayList<>();
        WorkerHop<Integer> hop = new WorkerHop<>(Schedulers.io(), x -> {
            if (x == 0) {
                inside.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
            got.add(x);
        }, (x, t) -> { }, 100);

        for (int i = 0; i < 50; i++) {
            hop.offer(i);
        }
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        hop.close();
        release.countDown();

        await().atMost(5, TimeUnit.SECONDS).until(() -> got.size() == 50);
        assertThat(interrupted.get()).isFalse();
        assertThat(got).isSorted();
        hop.force(50);
        assertThat(got).as("after close, an item runs on the queuing thread").hasSize(51);
    }

    @Test
    void offerRefusesBeyondCapacity() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WorkerHop<Integer> hop = new WorkerHop<>(Schedulers.single(), x -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, (x, t) -> { }, 2);
        hop.offer(0);
        await().atMost(5, TimeUnit.SECONDS).until(() -> hop.size() == 0);

        assertThat(hop.offer(1)).isTrue();
        assertThat(hop.offer(2)).isTrue();
        assertThat(hop.offer(3)).isFalse();
        release.countDown();
    }
}
