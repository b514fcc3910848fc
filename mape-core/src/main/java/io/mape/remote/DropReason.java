package io.mape.remote;

import java.util.Locale;

/** Why a sink did not send an item; each is counted in {@link DeliveryStats#dropped()} and logged. */
public enum DropReason {
    /** The outbox was full ({@link OverflowPolicy#DROP_NEWEST}, {@link OverflowPolicy#DROP_OLDEST}, or a block timed out). */
    OVERFLOW,
    /** The encoded item was larger than {@link SinkOptions#maxItemBytes()}. */
    TOO_LARGE,
    /** The sink could not make it into what it sends: the codec failed, or (InfluxDB) it has no point form. */
    UNENCODABLE,
    /** The sink or its transport closed before it could be sent (the close grace period ran out). */
    CLOSED;

    private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The name in metrics and events: {@code overflow}, {@code too-large}, {@code unencodable}, {@code closed}. */
    public String wireName() {
        return wireName;
    }
}
