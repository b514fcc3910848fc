package io.mape;

import java.util.Map;

/**
 * A snapshot of an element's counters since it was created. Every item that reached port in is accounted for:
 * {@code itemsIn == processed + failed + dropped + queued} whenever the element is quiescent (no push or option
 * change under way).
 *
 * @param itemsIn      items that reached port in, {@link CallMethod}s included
 * @param itemsOut     items emitted through port out ({@link Element#portOut()} pushes included)
 * @param processed    items handled without an exception (with operators on port in: taken by them)
 * @param failed       items whose handling threw, or whose asynchronous stage failed or timed out
 * @param dropped      items dropped, for any reason; the sum of {@code droppedBy}
 * @param droppedBy    items dropped, by {@link DropReason#wireName()}; reasons never seen are absent
 * @param queued       items waiting in the element's queues, or in flight in an asynchronous stage
 * @param errors       every error: the failed items, errors received on port in, failing operators
 * @param refusedCalls {@link CallMethod}s refused (also counted in {@code droppedBy} as {@code refused})
 * @param failure      why the element stopped by itself (a fatal error), or null while it has not
 */
public record ElementStats(long itemsIn, long itemsOut, long processed, long failed, long dropped,
                           Map<String, Long> droppedBy, long queued, long errors, long refusedCalls, String failure) {

    public ElementStats {
        droppedBy = Map.copyOf(droppedBy);
    }

    /** How many items were dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return droppedBy.getOrDefault(reason.wireName(), 0L);
    }
}
