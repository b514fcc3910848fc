package io.mape.remote.internal;

import io.mape.Element;
import io.mape.Message;
import io.mape.codec.JsonCodec;
import io.mape.internal.Acked;
import io.mape.internal.LossLog;
import io.mape.observe.Event;
import io.mape.observe.Observability;
import io.mape.remote.ChannelPattern;
import io.mape.remote.DeliveryStats;
import io.mape.remote.Source;
import io.mape.remote.spi.TransportDriver;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.exceptions.Exceptions;
import io.reactivex.rxjava3.subjects.BehaviorSubject;
import io.reactivex.rxjava3.subjects.Subject;
import java.lang.invoke.MethodType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of a {@link DriverTransport}: one driver subscription shared by its observers, decoded once. Each loss
 * it counts is also an {@link Event.Drop} of the channel it came on, under the name of its counter in
 * {@link DeliveryStats}: {@code undecodable}, {@code refused}, {@code dead-lettered}, {@code missed}; an observer
 * that throws is an {@link Event.Failure}.
 */
final class DriverSource<T> extends Source<T> {

    private static final Logger LOG = LoggerFactory.getLogger(Source.class);

    private enum State { WAITING, READY, CLOSED }

    private final DriverTransport transport;
    private final ChannelPattern pattern;
    private final Type type;
    private final Class<?> rawType;
    private final JsonCodec codec;
    private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final Subject<State> state = BehaviorSubject.createDefault(State.WAITING).toSerialized();
    private final LongAdder received = new LongAdder();
    private final LongAdder undecodable = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder missed = new LongAdder();
    private final LossLog lossLog = new LossLog(LOG);
    private final LossLog failureLog = new LossLog(LOG);
    private final Observability observability;
    private TransportDriver.Subscription subscription;
    private boolean closed;

    DriverSource(DriverTransport transport, String pattern, Type type) {
        this.transport = transport;
        this.pattern = ChannelPattern.of(pattern);
        this.type = type;
        this.codec = transport.app().codec();
        this.observability = Observability.of(transport.app());
        Class<?> raw = codec.mapper().constructType(type).getRawClass();
        this.rawType = raw.isPrimitive() ? MethodType.methodType(raw).wrap().returnType() : raw;
    }

    @Override
    public ChannelPattern pattern() {
        return pattern;
    }

    @Override
    public Type type() {
        return type;
    }

    @Override
    public String transport() {
        return transport.name();
    }

    @Override
    public Completable ready() {
        return state.filter(s -> s != State.WAITING).firstOrError().flatMapCompletable(s -> s == State.READY
                ? Completable.complete()
                : Completable.error(new IllegalStateException(this + " closed before it was ready")));
    }

    @Override
    public List<Observer<?>> observers() {
        return subscribers.stream().<Observer<?>>map(s -> s.observer).toList();
    }

    @Override
    public DeliveryStats stats() {
        return DeliveryStats.ofSource(received.sum(), undecodable.sum(), refused.sum(), deadLettered.sum(),
                missed.sum());
    }

    @Override
    protected void subscribeActual(Observer<? super T> observer) {
        Subscription s = new Subscription(observer);
        observer.onSubscribe(s);
        boolean complete = false;
        synchronized (this) {
            if (closed) {
                complete = true;
            } else if (!s.isDisposed()) {
                subscribers.add(s);
                if (subscription == null) {
                    subscription = transport.driver().subscribe(pattern.toString(), new Receiver());
                }
            }
        }
        if (complete) {
            s.complete();
        }
    }

    private void remove(Subscription s) {
        TransportDriver.Subscription cancel = null;
        synchronized (this) {
            if (subscribers.remove(s) && subscribers.isEmpty() && subscription != null) {
                cancel = subscription;
                subscription = null;
                if (!closed) {
                    state.onNext(State.WAITING);
                }
            }
        }
        if (cancel != null) {
            cancel.cancel();
        }
    }

    /** The transport closed, or the driver did: the observers complete. */
    void transportClosed() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            subscription = null;
        }
        state.onNext(State.CLOSED);
        for (Subscription s : subscribers) {
            s.complete();
        }
        subscribers.clear();
    }

    private void onMessage(String channel, byte[] body, Runnable ack) {
        received.increment();
        Object item;
        try {
            item = codec.decodeItem(body, type);
        } catch (RuntimeException e) {
            undecodable.increment();
            lossLog.warn("channel '{}': dropped a message that is not {}: {} (first bytes: {}; {} dropped so far)",
                    channel, type.getTypeName(), e.getMessage(), firstBytes(body), undecodable.sum());
            observability.publishDrop(channel, "undecodable", () -> "a message that is not " + type.getTypeName()
                    + ": " + e.getMessage() + " (first bytes: " + firstBytes(body) + ")");
            ack.run();
            return;
        }
        Pending pending = new Pending(ack);
        for (Subscription s : subscribers) {
            s.deliver(item, channel, pending);
        }
        pending.release();
    }

    /**
     * The acknowledgement of one message: run once every observer it was handed to has processed it (an element
     * through its {@link Acked} item; any other observer when its {@code onNext} returns), never when one failed.
     */
    private static final class Pending {
        private final Runnable ack;
        private final AtomicInteger holders = new AtomicInteger(1);
        private volatile boolean failed;

        Pending(Runnable ack) {
            this.ack = ack;
        }

        void hold() {
            holders.incrementAndGet();
        }

        void release() {
            if (holders.decrementAndGet() == 0 && !failed) {
                ack.run();
            }
        }

        void fail() {
            failed = true;
        }
    }

    private static String firstBytes(byte[] body) {
        int n = Math.min(body.length, 64);
        String s = new String(body, 0, n, StandardCharsets.UTF_8);
        return "'" + s + "'" + (body.length > n ? "... (" + body.length + " bytes)" : "");
    }

    @Override
    public String toString() {
        return "Source{" + pattern + " as " + type.getTypeName() + " on " + transport.name() + "}";
    }

    private final class Receiver implements TransportDriver.Receiver {
        @Override
        public void message(String channel, byte[] body, Runnable ack) {
            onMessage(channel, body, ack);
        }

        @Override
        public void confirmed() {
            state.onNext(State.READY);
        }

        @Override
        public void lost() {
            state.onNext(State.WAITING);
        }

        @Override
        public void deadLettered(String channel, String reason) {
            deadLettered.increment();
            lossLog.warn("channel '{}': moved a message to the dead letters: {} ({} so far)", channel, reason,
                    deadLettered.sum());
            observability.publishDrop(channel, "dead-lettered", () -> reason);
        }

        @Override
        public void missed(String channel, long count, String why) {
            missed.add(count);
            lossLog.warn("channel '{}': {} messages were lost before they were read: {} ({} so far)", channel, count,
                    why, missed.sum());
            observability.publishDrop(channel, "missed", () -> count + " messages lost before they were read: " + why);
        }

        @Override
        public void closed() {
            transportClosed();
        }
    }

    /** One observer's subscription: delivery and completion never overlap, and nothing follows completion. */
    private final class Subscription implements Disposable {
        private final Observer<? super T> observer;
        private final boolean takesEnvelopes;
        private volatile boolean disposed;
        private boolean done;

        Subscription(Observer<? super T> observer) {
            this.observer = observer;
            this.takesEnvelopes = observer instanceof Element<?, ?> || rawType == Object.class;
        }

        @SuppressWarnings("unchecked")
        synchronized void deliver(Object item, String channel, Pending pending) {
            if (disposed || done) {
                return;
            }
            Object out = item;
            if (!takesEnvelopes && !rawType.isInstance(item)) {
                if (item instanceof Message<?> m && rawType.isInstance(m.value())) {
                    out = m.value();
                } else {
                    refused.increment();
                    lossLog.warn("channel '{}': refused {} to {}: it takes only {} (subscribe an element to receive "
                            + "envelopes)", channel, item, observer, rawType.getName());
                    observability.publishDrop(channel, "refused", () -> LossLog.brief(item) + " to " + observer
                            + ": it takes only " + rawType.getName());
                    return;
                }
            }
            try {
                if (observer instanceof Element<?, ?>) {
                    pending.hold();
                    ((Observer<Object>) observer).onNext(new Acked(out, pending::release));
                } else {
                    observer.onNext((T) out);
                }
            } catch (Throwable t) {
                pending.fail();
                Exceptions.throwIfFatal(t);
                failureLog.warn("channel '{}': an observer of {} failed on {}: {}; it stays subscribed", channel,
                        pattern, out, t.toString());
                LOG.debug("channel '{}': what the observer threw", channel, t);
                observability.publish(new Event.Failure(channel, LossLog.brief(out), t));
            }
        }

        synchronized void complete() {
            if (!done && !disposed) {
                done = true;
                observer.onComplete();
            }
        }

        @Override
        public void dispose() {
            if (!disposed) {
                disposed = true;
                remove(this);
            }
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }
}
