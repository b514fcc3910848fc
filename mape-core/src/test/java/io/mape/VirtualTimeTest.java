package io.mape;

import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Time-based operators on ports, on virtual time. */
class VirtualTimeTest {

    private final App app = App.create(MapeConfig.defaults());
    private final TestScheduler clock = new TestScheduler();

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void debounceOnPortInLetsOnlyTheLastOfABurstThrough() {
        Element<Integer, Integer> e = app.loop("car").execute("speed", (Integer x, Output<Integer> o) -> o.next(x))
                .opsIn(up -> up.debounce(100, TimeUnit.MILLISECONDS, clock));
        TestObserver<Integer> seen = e.test();

        e.onNext(1);
        clock.advanceTimeBy(50, TimeUnit.MILLISECONDS);
        e.onNext(2);
        clock.advanceTimeBy(99, TimeUnit.MILLISECONDS);
        seen.assertNoValues();
        clock.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        seen.assertValues(2);
        e.onNext(3);
        clock.advanceTimeBy(100, TimeUnit.MILLISECONDS);

        seen.assertValues(2, 3);
    }

    @Test
    void bufferOnPortOutGroupsWhatTheFunctionEmitsByWindow() {
        Element<Integer, List<Integer>> e = app.loop("car").execute("window", (Integer x, Output<List<Integer>> o) -> o.next(List.of(x)))
                .opsOut(up -> up.buffer(1, TimeUnit.SECONDS, clock).filter(l -> !l.isEmpty()).map(l -> l.stream().flatMap(List::stream).toList()));
        TestObserver<List<Integer>> seen = e.test();

        e.onNext(1);
        e.onNext(2);
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        e.onNext(3);
        clock.advanceTimeBy(1, TimeUnit.SECONDS);

        seen.assertValues(List.of(1, 2), List.of(3));
    }

    @Test
    void stoppingCancelsPendingTimers() {
        Element<Integer, Integer> e = app.loop("car").monitor("m", (Integer x, Output<Integer> o) -> o.next(x))
                .opsIn(up -> up.delay(1, TimeUnit.SECONDS, clock));
        TestObserver<Integer> seen = e.test();
        e.start();

        e.onNext(1);
        e.stop();
        clock.advanceTimeBy(2, TimeUnit.SECONDS);

        seen.assertNoValues();
    }
}
