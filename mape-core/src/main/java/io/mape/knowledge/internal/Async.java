package io.mape.knowledge.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** The async form of a command that completes at once: a completed or failed stage, never a thrown exception. */
final class Async {

    private Async() {
    }

    static <T> CompletionStage<T> of(Supplier<T> command) {
        try {
            return CompletableFuture.completedFuture(command.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static CompletionStage<Void> run(Runnable command) {
        try {
            command.run();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
