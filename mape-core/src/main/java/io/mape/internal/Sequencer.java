package io.mape.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Runs an asynchronous step per item, one at a time and in arrival order, without blocking the caller: while a
 * step's stage is incomplete, later items wait in a queue; the thread that completes the stage starts the next.
 */
public final class Sequencer<T> {

    /** One asynchronous step; a {@code null} stage means done at once. */
    @FunctionalInterface
    public interface Step<T> {
        CompletionStage<?> run(T item) throws Exception;
    }

    private final Step<T> step;
    private final BiConsumer<T, Throwable> onFailure;
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private boolean busy;

    public Sequencer(Step<T> step, BiConsumer<T, Throwable> onFailure) {
        this.step = step;
        this.onFailure = onFailure;
    }

    public void offer(T item) {
        synchronized (this) {
            if (busy) {
                waiting.add(item);
                return;
            }
            busy = true;
        }
        run(item);
    }

    /** How many items wait behind the one in flight. */
    public synchronized int waiting() {
        return waiting.size();
    }

    private void run(T item) {
        T next = item;
        while (next != null) {
            CompletionStage<?> stage;
            try {
                stage = step.run(next);
            } catch (Throwable t) {
                onFailure.accept(next, t);
                stage = null;
            }
            T current = next;
            if (stage != null && !isDone(stage)) {
                stage.whenComplete((r, e) -> {
                    if (e != null) {
                        onFailure.accept(current, unwrap(e));
                    }
                    run(poll());
                });
                return;
            }
            if (stage != null) {
                failure(stage).ifPresent(e -> onFailure.accept(current, e));
            }
            next = poll();
        }
    }

    private static boolean isDone(CompletionStage<?> stage) {
        return stage instanceof CompletableFuture<?> f && f.isDone();
    }

    private static java.util.Optional<Throwable> failure(CompletionStage<?> done) {
        CompletableFuture<?> f = (CompletableFuture<?>) done;
        if (!f.isCompletedExceptionally()) {
            return java.util.Optional.empty();
        }
        try {
            f.join();
            return java.util.Optional.empty();
        } catch (RuntimeException e) {
            return java.util.Optional.of(unwrap(e));
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private synchronized T poll() {
        T next = waiting.poll();
        if (next == null) {
            busy = false;
        }
        return next;
    }
}
