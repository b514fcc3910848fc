package io.mape.internal;

import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Runs an asynchronous step per item, one at a time and in arrival order, without blocking the caller: while a
 * step's stage is incomplete, later items wait in a bounded queue.
 *
 * <p>Not thread-safe by itself: every method is called in the owner's serialized context. The end of a stage
 * (completion, failure, or the optional timeout, whichever comes first) is handed to {@code reenter} as a
 * {@link Resume}, which the owner passes back to {@link #resume} in that same context; a late end of a stage
 * that timed out is ignored. Only {@link #pending()} may be read from any thread.
 */
public final class Sequencer<T> {

    /** One asynchronous step; a {@code null} stage means done at once. */
    @FunctionalInterface
    public interface Step<T> {
        CompletionStage<?> run(T item) throws Exception;
    }

    /** Told of each item's end: {@code failure} is null when its stage completed normally. */
    @FunctionalInterface
    public interface Outcome<T> {
        void done(T item, Throwable failure);
    }

    /** The end of one stage, to be handed back to {@link #resume}. */
    public static final class Resume {
        private final long token;
        private final Throwable failure;

        private Resume(long token, Throwable failure) {
            this.token = token;
            this.failure = failure;
        }
    }

    private final Step<T> step;
    private final Outcome<T> outcome;
    private final Consumer<Resume> reenter;
    private final IntSupplier capacity;
    private final LongSupplier timeoutNanos;
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private T inFlight;
    private long token;
    private Disposable timer;
    private volatile int pending;

    /**
     * @param capacity     how many items may wait behind the one in flight
     * @param timeoutNanos how long a stage may take; 0 for no limit
     */
    public Sequencer(Step<T> step, Outcome<T> outcome, Consumer<Resume> reenter, IntSupplier capacity,
                     LongSupplier timeoutNanos) {
        this.step = step;
        this.outcome = outcome;
        this.reenter = reenter;
        this.capacity = capacity;
        this.timeoutNanos = timeoutNanos;
    }

    /** Starts {@code item} now or queues it; false, doing nothing, when the queue is full. */
    public boolean offer(T item) {
        if (inFlight != null) {
            if (waiting.size() >= capacity.getAsInt()) {
                return false;
            }
            waiting.add(item);
            pending = waiting.size() + 1;
            return true;
        }
        run(item);
        return true;
    }

    /** Ends the stage {@code r} belongs to, unless it ended already, and starts the next item. */
    public void resume(Resume r) {
        if (inFlight == null || r.token != token) {
            return;
        }
        T item = inFlight;
        inFlight = null;
        if (timer != null) {
            timer.dispose();
            timer = null;
        }
        pending = waiting.size();
        outcome.done(item, r.failure);
        T next = waiting.poll();
        if (next != null) {
            run(next);
        }
    }

    /** Hands every waiting item to {@code leftover}; the one in flight runs on. */
    public void cut(Consumer<T> leftover) {
        T item;
        while ((item = waiting.poll()) != null) {
            pending = waiting.size() + (inFlight == null ? 0 : 1);
            leftover.accept(item);
        }
    }

    /** Items waiting or in flight; readable from any thread. */
    public int pending() {
        return pending;
    }

    private void run(T first) {
        T next = first;
        while (next != null) {
            CompletionStage<?> stage;
            try {
                stage = step.run(next);
            } catch (Throwable t) {
                pending = waiting.size();
                outcome.done(next, t);
                next = waiting.poll();
                continue;
            }
            if (stage instanceof CompletableFuture<?> f && f.isDone()) {
                pending = waiting.size();
                outcome.done(next, failure(f));
                next = waiting.poll();
                continue;
            }
            if (stage == null) {
                pending = waiting.size();
                outcome.done(next, null);
                next = waiting.poll();
                continue;
            }
            inFlight = next;
            pending = waiting.size() + 1;
            long t = ++token;
            long limit = timeoutNanos.getAsLong();
            if (limit > 0) {
                timer = Schedulers.computation().scheduleDirect(() -> reenter.accept(new Resume(t,
                        new TimeoutException("the stage did not complete within " + limit / 1_000_000 + " ms"))),
                        limit, TimeUnit.NANOSECONDS);
            }
            stage.whenComplete((r, e) -> reenter.accept(new Resume(t, e == null ? null : unwrap(e))));
            return;
        }
    }

    private static Throwable failure(CompletableFuture<?> done) {
        if (!done.isCompletedExceptionally()) {
            return null;
        }
        try {
            done.join();
            return null;
        } catch (RuntimeException e) {
            return unwrap(e);
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
