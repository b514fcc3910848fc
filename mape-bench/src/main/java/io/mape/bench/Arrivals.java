package io.mape.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Waits for items to arrive at the far end of a hop, failing the benchmark instead of hanging when one is lost. */
final class Arrivals {

    private Arrivals() {
    }

    static void await(Semaphore arrived, int items) throws InterruptedException {
        if (!arrived.tryAcquire(items, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(items + " items sent, only " + arrived.availablePermits()
                    + " arrived within 30 s: an item was lost on the way");
        }
    }
}
