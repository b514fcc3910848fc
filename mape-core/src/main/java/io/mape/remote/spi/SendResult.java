package io.mape.remote.spi;

/** What became of one {@link TransportDriver#send}. */
public enum SendResult {
    /** The server took it and a receiver confirmed it (pub/sub: at least one subscriber heard it). */
    ACKNOWLEDGED,
    /** The server took it; nobody confirmed it (pub/sub: no subscriber). */
    SENT,
    /** It was not written (the connection is down, or the server asked to try later): the outbox tries again. */
    RETRY,
    /** It was written, or may have been, and failed: not sent again, so no duplicate. */
    FAILED
}
