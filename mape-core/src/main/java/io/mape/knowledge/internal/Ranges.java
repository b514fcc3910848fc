package io.mape.knowledge.internal;

/** Redis index arithmetic, shared by backends. */
public final class Ranges {

    private Ranges() {
    }

    /**
     * The inclusive range {@code [from, to]} that Redis's LRANGE / ZRANGE {@code start stop} selects in a
     * collection of {@code size} elements (negative indexes count from the end, out-of-range ones are clamped), or
     * {@code null} when it selects nothing.
     */
    public static int[] clamp(long start, long stop, int size) {
        if (start < 0) {
            start += size;
        }
        if (stop < 0) {
            stop += size;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > stop || start >= size) {
            return null;
        }
        if (stop >= size) {
            stop = size - 1;
        }
        return new int[] {(int) start, (int) stop};
    }

    /** The position that Redis's LINDEX / LSET {@code index} names in a collection of {@code size}, or -1 when out of range. */
    public static int index(long index, int size) {
        long i = index < 0 ? index + size : index;
        return i < 0 || i >= size ? -1 : (int) i;
    }
}
