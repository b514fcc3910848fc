package io.mape.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DryRunTest {

    @Test
    void whileOnItemsAreReportedNotPassedAndTheSwitchFlipsAtRunTime() {
        Switch shadow = Switch.on();
        DryRun<String> dryRun = DryRun.of(shadow);
        PublishSubject<String> plans = PublishSubject.create();
        TestObserver<String> would = dryRun.wouldExecute().test();
        TestObserver<Boolean> flips = shadow.changes().test();
        TestObserver<String> out = plans.compose(dryRun).test();

        plans.onNext("a");
        shadow.set(false);
        plans.onNext("b");
        shadow.set(true);
        plans.onNext("c");

        out.assertValues("b");
        would.assertValues("a", "c");
        flips.assertValues(true, false, true);
        assertThat(dryRun.stats()).isEqualTo(new SafetyStats(3, 1, 2, 0, Map.of("dry-run", 2L)));
    }

    @Test
    void everyItemIsEitherPassedOrReportedWhileAnotherThreadFlips() throws InterruptedException {
        Switch shadow = Switch.off();
        DryRun<Integer> dryRun = DryRun.of(shadow);
        AtomicLong passed = new AtomicLong();
        AtomicLong reported = new AtomicLong();
        PublishSubject<Integer> plans = PublishSubject.create();
        plans.compose(dryRun).subscribe(x -> passed.incrementAndGet());
        dryRun.wouldExecute().subscribe(x -> reported.incrementAndGet());
        CountDownLatch go = new CountDownLatch(1);
        Thread flipper = new Thread(() -> {
            await(go);
            for (int i = 0; i < 100_000; i++) {
                shadow.set(i % 2 == 0);
            }
        });
        flipper.start();
        go.countDown();
        for (int i = 0; i < 100_000; i++) {
            plans.onNext(i);
        }
        flipper.join();
        assertThat(passed.get() + reported.get()).isEqualTo(100_000);
        assertThat(dryRun.stats().itemsIn()).isEqualTo(100_000);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
