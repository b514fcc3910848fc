package io.mape.remote.spi;

/**
 * The byte-level half of a transport, which a remote module implements: send bytes to a channel, subscribe to a
 * channel pattern. Core turns it into a {@link io.mape.remote.Transport} with {@link Transports#over}: the outbox,
 * encoding, size cap, decoding, counting, loss logging and the listing of sinks and sources are core's, the same for
 * every transport. A driver must pass {@code io.mape.remote.tck.TransportTck} (mape-core's test-jar) against its real
 * server.
 *
 * <p>Pub/sub (Redis, MQTT): {@code send} publishes, {@code subscribe} pattern-subscribes. Streams (acked delivery):
 * {@code send} appends, the receiver's {@code ack} acknowledges once the item was handled. REST: {@code send}
 * POSTs to the peer owning the channel, {@code subscribe} takes what the local server's push endpoint receives.
 *
 * <p>Implementations are thread-safe. {@link #send} never blocks for the server.
 */
public interface TransportDriver extends AutoCloseable {

    /** What it is and where it connects, for logs and {@link io.mape.remote.Links}; no password in it. */
    String name();

    /** Whether a send now would be written to the server (else the outbox keeps the item and tries later). */
    boolean isConnected();

    /**
     * How many sends of one sink may await their answer at once: 1 keeps the order even when a send answers
     * {@link SendResult#RETRY} later (REST); more pipelines them (Redis). Default unbounded.
     */
    default int maxInFlight() {
        return Integer.MAX_VALUE;
    }

    /**
     * Refuses a channel this driver cannot send to, before a sink to it is made (an MQTT topic name may not hold
     * {@code +}, say). Default: every channel that is not a pattern.
     *
     * @throws IllegalArgumentException saying why {@code channel} cannot be carried
     */
    default void checkChannel(String channel) {
    }

    /**
     * Refuses a pattern this driver cannot subscribe to, before a source of it is made (sharded Redis pub/sub
     * takes exact channels only, say). Default: every pattern.
     *
     * @throws IllegalArgumentException saying why {@code pattern} cannot be heard
     */
    default void checkPattern(String pattern) {
    }

    /**
     * Sends {@code body} to {@code channel}; {@code done} is called exactly once, on any thread (possibly this
     * one). A driver answers {@link SendResult#RETRY} only when the item was not written, and, with more than one
     * send in flight, only from within this call, so that a retry never overtakes a later item.
     */
    void send(String channel, byte[] body, SendCallback done);

    /**
     * Subscribes {@code receiver} to the channels matching {@code pattern} (Redis glob rules, see
     * {@link io.mape.remote.ChannelPattern}). The driver calls the receiver from one thread at a time, in arrival
     * order, and never from a thread that must not block (an I/O thread): an observer may block.
     */
    Subscription subscribe(String pattern, Receiver receiver);

    /** Closes the connections: the receivers get {@link Receiver#closed()}; pending sends fail. */
    @Override
    void close();

    /** The answer to one send. */
    @FunctionalInterface
    interface SendCallback {
        /** {@code cause} is null unless {@code result} is {@link SendResult#FAILED} or {@link SendResult#RETRY}. */
        void done(SendResult result, Throwable cause);
    }

    /** Receives the messages of one pattern subscription. */
    interface Receiver {
        /**
         * A message; {@code ack} acknowledges it (a no-op for pub/sub). The source calls it, on any thread, once
         * every observer processed the message (an element: its body or its operators on port in took it without
         * an exception), or at once when it does not decode; never when an observer failed on it or dropped it.
         */
        void message(String channel, byte[] body, Runnable ack);

        /** The server confirmed the subscription, at the start and after every reconnect. */
        void confirmed();

        /** The connection was lost: until the next {@link #confirmed()}, what is sent is not heard. */
        void lost();

        /**
         * A message of {@code channel} was delivered too often without being processed and moved to a dead-letter
         * stream (acknowledged delivery only): counted and logged by the source.
         */
        default void deadLettered(String channel, String reason) {
        }

        /** {@code count} messages of {@code channel} were lost before this receiver read them: counted and logged. */
        default void missed(String channel, long count, String why) {
        }

        /** The driver closed: no more messages. Called once, after the last message. */
        void closed();
    }

    /** One pattern subscription. */
    interface Subscription {
        /** Ends it; no message is delivered after this returns, unless it is called from within one. */
        void cancel();
    }
}
