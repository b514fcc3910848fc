package io.mape.remote.mqtt.internal;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one delivery thread of a client: Paho's callback thread only queues what arrives, this thread hands it to the
 * receivers, in arrival order. The queue is bounded: what does not fit is refused, for the caller to count.
 * Thread-safe.
 */
public final class Delivery {

    private final ThreadPoolExecutor executor;
    private final String threadName;

    /** A delivery thread named {@code name + "-delivery"}, taking at most {@code capacity} waiting messages. */
    public Delivery(String name, int capacity) {
        this.threadName = name + "-delivery";
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
                r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues {@code delivery}; false when the queue is full or the thread stopped. */
    public boolean offer(Runnable delivery) {
        try {
            executor.execute(delivery);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private boolean isDeliveryThread() {
        return Thread.currentThread().getName().equals(threadName);
    }

    /** Stops the thread; returns what was queued and is not delivered. */
    public List<Runnable> stop() {
        return executor.shutdownNow();
    }

    /** After {@link #stop()}: waits up to {@code seconds} for the delivery in progress, unless called from it. */
    public boolean awaitStopped(long seconds) throws InterruptedException {
        return isDeliveryThread() || executor.awaitTermination(seconds, TimeUnit.SECONDS);
    }
}
