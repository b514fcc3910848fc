package io.mape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The accounting identity of every element, {@code itemsIn == processed + failed + dropped + queued}. */
class AccountingTest {

    private static void assertBalanced(Element<?, ?> e) {
        await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
            ElementStats s = e.stats();
            assertThat(s.processed() + s.failed() + s.dropped() + s.queued()).as(e + ": " + s).isEqualTo(s.itemsIn());
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theIdentityHoldsUnderARandomMixOfPushesOptionChangesHopsAsyncBodiesAndClose() throws Exception {
        App app = App.create(MapeConfig.defaults());
        Loop loop = app.loop("mix");
        Element<Integer, Integer> sync = loop.execute("sync", (Integer x, Output<Integer> o) -> {
            if (x % 97 == 0) {
                throw new IllegalStateException("every 97th");
            }
            o.next(x);
        });
        Element<Integer, Integer> async = loop.async(Kind.EXECUTE, "async", (Integer x, Output<Integer> o) ->
                x % 3 == 0 ? CompletableFuture.runAsync(() -> o.next(x)) : null);
        sync.link(async);
        List<Element<Integer, Integer>> elements = List.of(sync, async);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean pushing = new AtomicBoolean(true);
        CountDownLatch go = new CountDownLatch(1);
        Future<?> a = pool.submit(() -> push(go, pushing, sync, 1));
        Future<?> b = pool.submit(() -> push(go, pushing, async, 2));
        Random random = new Random(11);
        go.countDown();
        for (int i = 0; i < 300; i++) {
            Element<Integer, Integer> e = elements.get(random.nextInt(2));
            switch (random.nextInt(7)) {
                case 0 -> e.stop();
                case 1 -> e.start();
                case 2 -> e.opsIn(random.nextBoolean() ? null : up -> up.filter(x -> x % 5 != 0));
                case 3 -> e.opsOut(random.nextBoolean() ? null : Observable::distinctUntilChanged);
                case 4 -> e.scheduler(random.nextBoolean() ? null : Schedulers.computation());
                case 5 -> e.queueCapacity(1 + random.nextInt(100));
                default -> ((Observer<Object>) (Observer<?>) e).onNext(CallMethod.of("nothing"));
            }
            LockSupport.parkNanos(200_000); // pacing: lets the pushers run between two changes
        }
        pushing.set(false);
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        pool.shutdown();

        elements.forEach(AccountingTest::assertBalanced);
        app.close();
        elements.forEach(e -> e.onNext(1));
        elements.forEach(AccountingTest::assertBalanced);
        assertThat(sync.stats().itemsIn()).isPositive();
        assertThat(sync.stats().dropped(DropReason.CLOSED)).isPositive();
    }

    private static Void push(CountDownLatch go, AtomicBoolean pushing, Element<Integer, Integer> e, int step)
            throws InterruptedException {
        go.await();
        for (int i = 0; pushing.get(); i += step) {
            e.onNext(i);
        }
        return null;
    }

    @Test
    void aPipeChangesTheTypeTheBodyTakes() {
        try (App app = App.create(MapeConfig.defaults())) {
            Element<Integer, Double> window = app.loop("w").analyze("window",
                    (Observable<Integer> in) -> in.buffer(3, 1),
                    (List<Integer> w, Output<Double> out) -> out.next(w.stream().mapToInt(x -> x).average().orElse(0)));
            TestObserver<Double> seen = window.test();

            for (int i = 1; i <= 5; i++) {
                window.onNext(i);
            }

            seen.assertValues(2.0, 3.0, 4.0);
            assertThat(window.stats().processed()).isEqualTo(5);
            assertThat(window.uid()).isEqualTo("window");
        }
    }

    @Test
    void inputTypeIsRefusedOnceTheElementHasASource() {
        try (App app = App.create(MapeConfig.defaults())) {
            Loop loop = app.loop("t");
            Element<Integer, Integer> src = loop.execute("src", (Integer x, Output<Integer> o) -> o.next(x));
            Element<Integer, Integer> dst = loop.execute("dst", (Integer x, Output<Integer> o) -> o.next(x))
                    .inputType(Long.class);
            src.link(dst);

            assertThatThrownBy(() -> dst.inputType(Short.class)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("before subscribing");
            assertThat(dst.inputType()).isEqualTo(Long.class);
        }
    }

    @Test
    void aRefusedCallIsCountedDroppedAsRefused() {
        try (App app = App.create(MapeConfig.defaults())) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Element<Object, Object> e = (Element) app.loop("c").execute("e", (Integer x, Output<Integer> o) -> { });

            e.onNext(CallMethod.of("nothing"));

            assertThat(e.stats().refusedCalls()).isEqualTo(1);
            assertThat(e.stats().dropped(DropReason.REFUSED)).isEqualTo(1);
            assertBalanced(e);
        }
    }
}
