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
     * User code threw on an item (the function, an operator, a callable method; an observer of a transport's
     * source: path its channel), or an asynchronous stage failed.
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
     * An item dropped, counted under {@code reason}, one event per count (the items left when a sink closes as
     * one):
     * <ul>
     *   <li>an element: a {@link io.mape.DropReason#wireName()}; path {@code loop.element};</li>
     *   <li>a sink of a transport, a {@code PostObserver} or an {@code InfluxObserver} built for the App: a
     *       {@link io.mape.remote.DropReason#wireName()}; path the channel, or the observer's name;</li>
     *   <li>a source of a transport: its {@link io.mape.remote.DeliveryStats} counter, {@code undecodable},
     *       {@code refused}, {@code dead-lettered} or {@code missed}; path the channel the message came on;</li>
     *   <li>the delivery queue of a Redis remote: {@code overflow}, or {@code closed} for what waited when it
     *       closed (one event per channel); path the channel.</li>
     * </ul>
     *
     * @param item the item, as text; for a sink, source or queue, what was dropped and why (it holds bytes)
     */
    record Drop(String path, String reason, String item) implements Event {
        public Drop {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(item, "item");
        }
    }
}
