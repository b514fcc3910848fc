package io.mape.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    private final TestScheduler clock = new TestScheduler();
    private final PublishSubject<String> plans = PublishSubject.create();

    @Test
    void atMostNActionsPerSlidingPeriodPerEffector() {
        Throttle<String> throttle = Throttle.<String>builder(ThrottleOptions.builder()
                .limit(2, Duration.ofSeconds(10)).build()).key(p -> p.substring(0, 1)).scheduler(clock).build();
        TestObserver<String> out = plans.compose(throttle).test();

        plans.onNext("a1");
        plans.onNext("b1");
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        plans.onNext("a2");
        plans.onNext("a3");
        clock.advanceTimeBy(9, TimeUnit.SECONDS);
        plans.onNext("a4");

        out.assertValues("a1", "b1", "a2", "a4");
        assertThat(throttle.stats().withheldBy()).isEqualTo(Map.of("rate-limit", 1L));
    }

    @Test
    void noActionWithinTheCooldownOfTheLast() {
        Throttle<String> throttle = Throttle.<String>builder(ThrottleOptions.builder()
                .cooldown(Duration.ofSeconds(5)).build()).scheduler(clock).build();
        TestObserver<Veto<String>> vetoes = throttle.vetoes().test();
        TestObserver<String> out = plans.compose(throttle).test();

        plans.onNext("x");
        clock.advanceTimeBy(4, TimeUnit.SECONDS);
        plans.onNext("y");
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        plans.onNext("z");

        out.assertValues("x", "z");
        vetoes.assertValue(v -> v.item().equals("y") && v.by().equals("cooldown"));
        assertThat(throttle.stats()).isEqualTo(new SafetyStats(3, 2, 1, 0, Map.of("cooldown", 1L)));
    }

    @Test
    void fourThreadsPushingAtOnceGetExactlyTheLimitThrough() throws InterruptedException {
        Throttle<Integer> throttle = Throttle.<Integer>builder(ThrottleOptions.builder()
                .limit(1000, Duration.ofHours(1)).build()).scheduler(clock).build();
        PublishSubject<Integer> source = PublishSubject.create();
        AtomicLong passed = new AtomicLong();
        source.compose(throttle).subscribe(x -> passed.incrementAndGet());
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            Observable<Integer> mine = Observable.range(0, 10_000).compose(throttle);
            threads.add(new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                mine.subscribe(x -> passed.incrementAndGet());
            }));
        }
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(passed.get()).isEqualTo(1000);
        assertThat(throttle.stats()).isEqualTo(new SafetyStats(40_000, 1000, 39_000, 0, Map.of("rate-limit",
                39_000L)));
    }

    @Test
    void optionsAreImmutableWithDefaults() {
        ThrottleOptions o = ThrottleOptions.defaults().toBuilder().cooldown(Duration.ofSeconds(1)).build();
        assertThat(ThrottleOptions.defaults().cooldown()).isZero();
        assertThat(o.cooldown()).hasSeconds(1);
        assertThat(o.maxActions()).isEqualTo(Integer.MAX_VALUE);
    }
}
