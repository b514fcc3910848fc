package io.mape;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Race helpers in the style of RxJava's TestHelper. */
public final class TestHelper {

    private static final ExecutorService OTHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "race");
        t.setDaemon(true);
        return t;
    });

    private TestHelper() {
    }

    /**
     * Runs {@code a} on this thread and {@code b} on another, released together by a barrier; rethrows what
     * either threw. Fails after 10 s.
     */
    public static void race(Runnable a, Runnable b) {
        ExecutorService other = OTHER;
        try {
            CyclicBarrier go = new CyclicBarrier(2);
            Future<?> f = other.submit(() -> {
                go.await(10, TimeUnit.SECONDS);
                b.run();
                return null;
            });
            go.await(10, TimeUnit.SECONDS);
            a.run();
            f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the race failed", e);
        }
    }

    /** {@link #race} {@code times} times, each with a fresh pair from {@code setup}. */
    public static void race(int times, java.util.function.Supplier<Runnable[]> setup) {
        for (int i = 0; i < times; i++) {
            Runnable[] pair = setup.get();
            race(pair[0], pair[1]);
        }
    }
}
