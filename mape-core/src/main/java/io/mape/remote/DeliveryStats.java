package io.mape.remote;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What happened to the items of one sink or one source so far: the one vocabulary of every transport. A sink fills
 * the first six counters, a source the last three; every item a sink accepted is sent, failed, dropped or pending.
 *
 * @param accepted     items offered to the sink
 * @param sent         of {@code accepted}, those the server took (Redis answered the publish; HTTP 2xx)
 * @param acknowledged of {@code sent}, those a receiver confirmed (pub/sub: at least one subscriber heard it)
 * @param dropped      of {@code accepted}, those never sent, by reason
 * @param failed       of {@code accepted}, those whose sending failed (cut off in flight, timed out, refused by the
 *                     server); they may or may not have arrived and are not sent again
 * @param pending      of {@code accepted}, those waiting in the outbox or for the server's answer now
 * @param received     messages a source received on its pattern
 * @param undecodable  of {@code received}, those that did not decode into the source's type, dropped
 * @param refused      of {@code received}, deliveries refused to an observer that does not take them (a
 *                     {@code CallMethod} to an observer that is not an element)
 * @param deadLettered of {@code received}, messages delivered too many times without being processed, moved to a
 *                     dead-letter stream (Redis Streams; 0 elsewhere)
 * @param missed       messages the source knows it never received: trimmed from a bounded stream before it read
 *                     them (Redis Streams, where Redis can tell; 0 elsewhere)
 */
public record DeliveryStats(long accepted, long sent, long acknowledged, Map<DropReason, Long> dropped, long failed,
                            long pending, long received, long undecodable, long refused, long deadLettered,
                            long missed) {

    public DeliveryStats {
        EnumMap<DropReason, Long> copy = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            copy.put(r, dropped.getOrDefault(r, 0L));
        }
        dropped = Collections.unmodifiableMap(copy);
    }

    /** The stats of a sink. */
    public static DeliveryStats ofSink(long accepted, long sent, long acknowledged, Map<DropReason, Long> dropped,
                                       long failed, long pending) {
        return new DeliveryStats(accepted, sent, acknowledged, dropped, failed, pending, 0, 0, 0, 0, 0);
    }

    /** The stats of a source. */
    public static DeliveryStats ofSource(long received, long undecodable, long refused) {
        return ofSource(received, undecodable, refused, 0, 0);
    }

    /** The stats of a source that may dead-letter messages and know of some it missed (Redis Streams). */
    public static DeliveryStats ofSource(long received, long undecodable, long refused, long deadLettered,
                                         long missed) {
        return new DeliveryStats(0, 0, 0, Map.of(), 0, 0, received, undecodable, refused, deadLettered, missed);
    }

    /** The items dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return dropped.get(reason);
    }

    /** The items dropped for any reason. */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
