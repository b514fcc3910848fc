package io.mape.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    private final TestScheduler clock = new TestScheduler();
    private final PublishSubject<Double> speed = PublishSubject.create();

    @Test
    void aSilentSourceGetsTheFallbackOncePerSilence() {
        Watchdog<Double> dog = Watchdog.<Double>builder(Duration.ofSeconds(5), () -> 0.0).scheduler(clock)
                .source("car.speed").build();
        TestObserver<Double> out = speed.compose(dog).test();

        clock.advanceTimeBy(5, TimeUnit.SECONDS);   // silent since the subscription
        speed.onNext(90.0);
        clock.advanceTimeBy(4, TimeUnit.SECONDS);
        speed.onNext(95.0);
        clock.advanceTimeBy(4, TimeUnit.SECONDS);   // not yet
        out.assertValues(0.0, 90.0, 95.0);
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        clock.advanceTimeBy(20, TimeUnit.SECONDS);  // once per silence
        out.assertValues(0.0, 90.0, 95.0, 0.0);

        assertThat(dog.stats().injected()).isEqualTo(2);
        assertThat(dog.stats().itemsIn()).isEqualTo(2);
        assertThat(dog.stats().itemsOut()).isEqualTo(4);
    }

    @Test
    void withRepeatTheFallbackComesAfterEachTimeoutOfSilence() {
        Watchdog<Double> dog = Watchdog.<Double>builder(Duration.ofSeconds(5), () -> 0.0).repeat(true)
                .scheduler(clock).build();
        TestObserver<Double> out = speed.compose(dog).test();
        speed.onNext(90.0);
        clock.advanceTimeBy(15, TimeUnit.SECONDS);
        out.assertValues(90.0, 0.0, 0.0, 0.0);
    }

    @Test
    void theSourcesCompletionEndsTheWatch() {
        Watchdog<Double> dog = Watchdog.<Double>builder(Duration.ofSeconds(5), () -> 0.0).scheduler(clock).build();
        TestObserver<Double> out = speed.compose(dog).test();
        speed.onNext(1.0);
        speed.onComplete();
        clock.advanceTimeBy(10, TimeUnit.SECONDS);
        out.assertValues(1.0).assertComplete();
    }
}
