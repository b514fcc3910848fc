package io.mape.remote;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Observer;
import java.lang.reflect.Type;
import java.util.List;

/**
 * A hot Observable of the items sent on the channels matching one {@link ChannelPattern}, each decoded with the
 * App's codec into the declared type. Made by {@link Transport#source(String, Class)}.
 *
 * <p><b>Subscription.</b> The transport subscribes to the pattern when the first observer arrives and
 * unsubscribes when the last one leaves. {@link #ready()} says when the server hears the pattern for it.
 *
 * <p><b>Envelopes.</b> An {@link io.mape.Element} observer (or one of type {@code Object}) receives what the
 * codec's {@code decodeItem} makes: a value, a {@link io.mape.Message}, a {@link io.mape.CallMethod}. Any other
 * observer receives only values of the type: a {@code Message} is unwrapped, anything else is refused (counted,
 * logged).
 *
 * <p><b>Bad input.</b> A message that does not decode is counted ({@link DeliveryStats#undecodable()}), logged
 * (rate-limited, with its first bytes) and skipped; an observer that throws is logged and stays subscribed. When
 * the transport closes, the observers complete, never to receive another item.
 *
 * @param <T> the declared type
 */
public abstract class Source<T> extends Observable<T> implements Link {

    /** The pattern of channels received. */
    public abstract ChannelPattern pattern();

    /** The type each message decodes into. */
    public abstract Type type();

    /**
     * Completes once this source has an observer and the server has confirmed its subscription on the current
     * connection: what is sent from then on is heard. Errors when the transport closes first. It waits as long as
     * it takes: bound it with {@code timeout}.
     */
    public abstract Completable ready();

    /** Its observers now, a snapshot: what {@code GET /topology} draws its links to. */
    public abstract List<Observer<?>> observers();

    @Override
    public final Direction direction() {
        return Direction.SOURCE;
    }

    @Override
    public String channel() {
        return pattern().toString();
    }
}
