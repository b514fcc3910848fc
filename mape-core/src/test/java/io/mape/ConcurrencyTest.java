package io.mape;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

class ConcurrencyTest {

    private static final int THREADS = 4;
    private static final int PUSHES = 100_000;

    private final App app = App.create(MapeConfig.defaults());
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void close() {
        pool.shutdownNow();
        app.close();
    }

    @Test
    void pushesFromFourThreadsAllArriveAndProcessIsNeverReentered() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        long[] sum = new long[1];
        int[] count = new int[1];
        Element<Integer, Integer> e = app.loop("hot").execute("count", (Integer x, Output<Integer> o) -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            count[0]++;
            sum[0] += x;
            inside.decrementAndGet();
        }).queueCapacity(THREADS * PUSHES);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> pushers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            pushers.add(pool.submit(() -> {
                go.await();
                for (int i = 1; i <= PUSHES; i++) {
                    e.onNext(i);
                }
                return null;
            }));
        }

        go.countDown();
        for (Future<?> f : pushers) {
            f.get(60, TimeUnit.SECONDS);
        }

        assertThat(overlaps.get()).as("process entered twice at once").isZero();
        assertThat(count[0]).isEqualTo(THREADS * PUSHES);
        assertThat(sum[0]).isEqualTo(THREADS * (long) PUSHES * (PUSHES + 1) / 2);
        assertThat(e.stats().itemsIn()).isEqualTo(THREADS * (long) PUSHES);
    }

    @Test
    void eachPushingThreadKeepsItsOwnOrder() throws Exception {
        int[] last = new int[THREADS];
        AtomicInteger disorder = new AtomicInteger();
        Element<int[], Void> e = app.loop("order").execute("check", (int[] item, Output<Void> o) -> {
            if (item[1] != last[item[0]] + 1) {
                disorder.incrementAndGet();
            }
            last[item[0]] = item[1];
        }).queueCapacity(THREADS * 20_000);
        List<Future<?>> pushers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            pushers.add(pool.submit(() -> {
                for (int i = 1; i <= 20_000; i++) {
                    e.onNext(new int[] {thread, i});
                }
            }));
        }
        for (Future<?> f : pushers) {
            f.get(60, TimeUnit.SECONDS);
        }

        assertThat(disorder.get()).isZero();
        assertThat(last).containsOnly(20_000);
    }

    @Test
    void schedulerRunsTheFunctionOnItsWorkerInOrder() {
        List<Integer> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Element<Integer, Void> e = app.loop("io").execute("slow", (Integer x, Output<Void> o) -> {
            got.add(x);
            threads.add(Thread.currentThread().getName());
        });
        e.scheduler(Schedulers.single());

        for (int i = 0; i < 1000; i++) {
            e.onNext(i);
        }

        await().atMost(10, TimeUnit.SECONDS).until(() -> got.size() == 1000);
        assertThat(got).isSorted().hasSize(1000);
        assertThat(threads).allMatch(n -> n.startsWith("RxSingleScheduler"));
    }

    @Test
    void asynchronousFunctionKeepsOrderWithoutBlockingThePusher() {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        List<Integer> done = new ArrayList<>();
        Element<Integer, Integer> e = app.loop("async").async(Kind.EXECUTE, "later", (Integer x, Output<Integer> out) -> {
            CompletableFuture<Void> f = new CompletableFuture<>();
            synchronized (pending) {
                pending.add(f);
            }
            return f.thenRun(() -> {
                synchronized (done) {
                    done.add(x);
                }
                out.next(x);
            });
        });
        List<Integer> emitted = new ArrayList<>();
        e.subscribe(emitted::add);

        e.onNext(1);
        e.onNext(2);
        e.onNext(3);

        assertThat(sizeOf(pending)).as("one item in flight; the pusher was not blocked").isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            await().atMost(5, TimeUnit.SECONDS).until(() -> sizeOf(pending) > 0);
            CompletableFuture<Void> f;
            synchronized (pending) {
                f = pending.remove(0);
            }
            worker.submit(() -> f.complete(null));
            int expected = i + 1;
            await().atMost(5, TimeUnit.SECONDS).until(() -> sizeOf(done) == expected);
        }
        worker.shutdown();

        assertThat(done).containsExactly(1, 2, 3);
        assertThat(emitted).containsExactly(1, 2, 3);
    }

    @Test
    void aFailedStageIsCountedAndTheNextItemRuns() {
        Element<Integer, Integer> e = app.loop("async2").async(Kind.EXECUTE, "maybe", (Integer x, Output<Integer> out) -> {
            if (x == 2) {
                return CompletableFuture.failedFuture(new IllegalStateException("no " + x));
            }
            return CompletableFuture.runAsync(() -> out.next(x));
        });
        List<Integer> emitted = new java.util.concurrent.CopyOnWriteArrayList<>();
        e.subscribe(emitted::add);

        e.onNext(1);
        e.onNext(2);
        e.onNext(3);

        await().atMost(5, TimeUnit.SECONDS).until(() -> emitted.size() == 2);
        assertThat(emitted).containsExactly(1, 3);
        assertThat(e.stats().errors()).isEqualTo(1);
    }

    private static int sizeOf(List<?> list) {
        synchronized (list) {
            return list.size();
        }
    }
}
