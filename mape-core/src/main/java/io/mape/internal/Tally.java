package io.mape.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters each written by one serialized context at a time and read by any thread: an increment is a plain read
 * and a release store (no atomic read-modify-write on the hot path), a read is an acquire load. A counter written
 * from two contexts at once would lose counts: use an atomic for those.
 */
public final class Tally {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] slots;

    public Tally(int size) {
        this.slots = new long[size];
    }

    /** Adds one to {@code slot}; call only from the context that owns it. */
    public void increment(int slot) {
        SLOT.setRelease(slots, slot, slots[slot] + 1);
    }

    public long get(int slot) {
        return (long) SLOT.getAcquire(slots, slot);
    }
}
