package io.mape;

import java.util.Locale;

/**
 * Why an element dropped an item that reached its port in. Each reason is counted in
 * {@link ElementStats#droppedBy()} under its {@link #wireName()} and logged at WARN: the first time for an element
 * at once, then at most every few seconds with the running count.
 */
public enum DropReason {
    /** The element was stopped when the item arrived, or stopped with the item still waiting in its queue. */
    STOPPED,
    /** The element was stopped and nobody had subscribed to it yet (an analyze or plan starts on subscribe). */
    NO_SUBSCRIBER,
    /** The element's input queue was full ({@link Element#queueCapacity(int)}). */
    OVERFLOW,
    /** The element was removed from its loop, or its App closed. */
    CLOSED,
    /** The element had stopped itself after a fatal error ({@link ElementStats#failure()}). */
    FAILED,
    /** A {@link CallMethod} that no {@code @CallableMethod} method of the element takes. */
    REFUSED,
    /** The element is an Execute of a paused loop ({@link Loop#pause()}). */
    PAUSED,
    /**
     * The element is an Execute of a loop in dry run ({@link Loop#dryRun(boolean)}): the item was reported on
     * {@link Loop#wouldExecute()} instead of acted on.
     */
    DRY_RUN;

    private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The name on the wire and in {@link ElementStats#droppedBy()}: {@code stopped}, {@code no-subscriber}, .... */
    public String wireName() {
        return wireName;
    }
}
