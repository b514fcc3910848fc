package io.mape.remote;

/** A sink or a source of a transport, as {@link Links} lists them. */
public interface Link {

    /** Whether it sends or receives. */
    enum Direction { SINK, SOURCE }

    Direction direction();

    /** The channel a sink sends to, or the pattern a source receives. */
    String channel();

    /** The transport's name, such as {@code redis pub/sub at redis://127.0.0.1:6379/0}. */
    String transport();

    /** A snapshot of its counters. */
    DeliveryStats stats();
}
