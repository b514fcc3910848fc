package io.mape.observe;

import java.util.Objects;

/**
 * Something that happened to an item, pushed to the listeners of {@link Observability#listen}. Items appear as
 * their text, cut at 200 characters, as the logs show them.
 */
public sealed interface Event permits Event.Failure, Event.Drop {

    /** Where it happened: an element's {@code loop.element}, or the name a module gives. */
    String path();

    /**
     * User code threw on an item (the function, an operator, a callable method), or an asynchronous stage failed.
     *
     * @param item  the item, as text; empty when there was none (a failing operator)
     * @param error what was thrown
     */
    record Failure(String path, String item, Throwable error) implements Event {
        public Failure {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String toString() {
            return path + " failed" + (item.isEmpty() ? "" : " on " + item) + ": " + error;
        }
    }

    /**
     * An item dropped, counted under {@code reason}: a {@link io.mape.DropReason#wireName()} for an element (path
     * {@code loop.element}), a {@link io.mape.remote.DropReason#wireName()} for a sink of a transport (path: its
     * channel).
     *
     * @param item the item, as text; for a sink, what was dropped and why (it drops encoded bytes)
     */
    record Drop(String path, String reason, String item) implements Event {
        public Drop {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(item, "item");
        }
    }
}
