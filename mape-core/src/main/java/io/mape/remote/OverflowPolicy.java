package io.mape.remote;

/** What a sink's outbox does with an item when it is full; what it drops is counted as {@link DropReason#OVERFLOW}. */
public enum OverflowPolicy {
    /** Keep what waits, drop the item offered: what arrives is the start of an outage, in order. */
    DROP_NEWEST,
    /**
     * Drop the oldest item waiting (not one already handed to the server, nor one it asked to have again) to make
     * room: the latest state wins.
     */
    DROP_OLDEST,
    /** Make the pushing thread wait up to {@link SinkOptions#blockTimeout()} for room, then drop the newest. */
    BLOCK
}
