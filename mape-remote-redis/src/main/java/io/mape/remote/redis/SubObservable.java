package io.mape.remote.redis;

import io.mape.Element;
import io.mape.Message;
import io.mape.codec.JsonCodec;
import io.mape.remote.redis.internal.Dispatcher;
import io.mape.internal.LossLog;
import io.mape.remote.redis.internal.Glob;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.exceptions.Exceptions;
import java.lang.invoke.MethodType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hot Observable of the messages published on the channels that match its glob patterns
 * ({@code car_*.detect}, {@code car_[xy].detect}), each decoded into the declared type with the App's codec. Made by
 * {@link RedisRemote#sub(Class, String...)}.
 *
 * <p><b>Subscription.</b> Redis is subscribed ({@code PSUBSCRIBE}) when the first observer subscribes and
 * unsubscribed when the last one leaves; all the SubObservables of a remote share one connection and one Redis
 * subscription per pattern. After a reconnect the patterns are subscribed again on their own; what was published
 * meanwhile is lost (Redis pub/sub keeps nothing). A message whose channel matches several of the patterns is
 * emitted once. Redis's own keyspace notifications ({@code __keyspace@0__:...}) are skipped unless a pattern
 * starts with {@code __}, so that {@code *} means the loops' channels.
 *
 * <p><b>Threading.</b> Items are emitted on the remote's delivery thread ({@code mape-redis-N-delivery}), one at a
 * time in arrival order, never on a Lettuce I/O thread: an observer may block (a Knowledge call, say), but a slow
 * one delays every subscription of the remote. Give a slow element a {@link io.reactivex.rxjava3.core.Scheduler}.
 *
 * <p><b>Envelopes.</b> An {@link Element} observer receives what the codec's {@code decodeItem} makes: a value of
 * the type, a {@link Message} envelope as a {@code Message}, a {@code CallMethod} envelope as a
 * {@code CallMethod}, which the element handles. Any other observer receives only values of the type: a
 * {@code Message} is unwrapped to its value, a {@code CallMethod} is refused (logged and counted).
 *
 * <p><b>Bad input.</b> A message that does not decode is logged (channel, first bytes, reason; at most one line per
 * 5 s), counted in {@link Stats#undecodable()} and dropped; the stream goes on. An observer that throws is logged and
 * keeps its subscription. When the remote closes, the observers complete.
 *
 * @param <T> the declared type
 */
public final class SubObservable<T> extends Observable<T> {

    private static final Logger LOG = LoggerFactory.getLogger(SubObservable.class);

    /**
     * What happened to the messages so far.
     *
     * @param received    messages of the patterns received while subscribed
     * @param undecodable of {@code received}, those that did not decode and were dropped
     * @param refused     deliveries refused to an observer that is not an element: a {@code CallMethod}, or a
     *                    {@code Message} whose value is not of the type
     */
    public record Stats(long received, long undecodable, long refused) {
    }

    private final RedisRemote remote;
    private final Dispatcher dispatcher;
    private final JsonCodec codec;
    private final Type type;
    private final Class<?> rawType;
    private final List<String> patterns;
    private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final Dispatcher.Listener listener = new Dispatcher.Listener() {
        @Override
        public void message(String pattern, String channel, byte[] body) {
            onMessage(pattern, channel, body);
        }

        @Override
        public void closed() {
            onClosed();
        }
    };
    private final LongAdder received = new LongAdder();
    private final LongAdder undecodable = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LossLog dropLog = new LossLog(LOG);
    private boolean registered;
    private volatile boolean closed;

    SubObservable(RedisRemote remote, Type type, String... patterns) {
        this.remote = Objects.requireNonNull(remote, "remote");
        this.type = Objects.requireNonNull(type, "type");
        this.patterns = checked(patterns);
        this.dispatcher = remote.dispatcher();
        this.codec = remote.app().codec();
        Class<?> raw = codec.mapper().constructType(type).getRawClass();
        this.rawType = raw.isPrimitive() ? MethodType.methodType(raw).wrap().returnType() : raw;
    }

    private static List<String> checked(String[] patterns) {
        if (patterns == null || patterns.length == 0) {
            throw new IllegalArgumentException("give at least one channel pattern, e.g. \"car_*.detect\"");
        }
        for (String p : patterns) {
            if (p == null || p.isEmpty()) {
                throw new IllegalArgumentException("a channel pattern must not be " + (p == null ? "null" : "empty")
                        + ", got " + Arrays.toString(patterns));
            }
        }
        return List.copyOf(new LinkedHashSet<>(List.of(patterns)));
    }

    /** The glob patterns, without duplicates. */
    public List<String> patterns() {
        return patterns;
    }

    /** The type each message decodes into. */
    public Type type() {
        return type;
    }

    /** Whether Redis has confirmed the subscription of every pattern on the current connection. */
    public boolean isSubscribed() {
        return hasSubscribers() && dispatcher.isConfirmed(patterns);
    }

    /** Whether it has observers, and so a Redis subscription. */
    public boolean hasSubscribers() {
        return !subscribers.isEmpty();
    }

    /** A snapshot of the counters. */
    public Stats stats() {
        return new Stats(received.sum(), undecodable.sum(), refused.sum());
    }

    @Override
    protected void subscribeActual(Observer<? super T> observer) {
        Subscription s = new Subscription(observer);
        observer.onSubscribe(s);
        synchronized (this) {
            if (closed || remote.isClosed()) {
                observer.onComplete();
                return;
            }
            if (s.isDisposed()) {
                return;
            }
            subscribers.add(s);
            if (!registered) {
                registered = true;
                dispatcher.register(listener, patterns);
            }
        }
    }

    private synchronized void remove(Subscription s) {
        if (subscribers.remove(s) && subscribers.isEmpty() && registered) {
            registered = false;
            if (!closed) {
                dispatcher.unregister(listener, patterns);
            }
        }
    }

    private void onMessage(String pattern, String channel, byte[] body) {
        if (!pattern.equals(firstMatching(channel)) || isRedisOwn(pattern, channel)) {
            return;
        }
        received.increment();
        Object item;
        try {
            item = codec.decodeItem(body, type);
        } catch (RuntimeException e) {
            undecodable.increment();
            dropLog.warn("channel '{}': dropped a message that is not {}: {} (first bytes: {}; {} dropped so far)",
                    channel, type.getTypeName(), e.getMessage(), firstBytes(body), undecodable.sum());
            return;
        }
        for (Subscription s : subscribers) {
            s.deliver(item, channel);
        }
    }

    /** A keyspace or keyevent notification reaching a pattern that does not name such channels ({@code *}). */
    private static boolean isRedisOwn(String pattern, String channel) {
        return (channel.startsWith("__keyspace@") || channel.startsWith("__keyevent@")) && !pattern.startsWith("__");
    }

    private String firstMatching(String channel) {
        if (patterns.size() == 1) {
            return patterns.get(0);
        }
        for (String p : patterns) {
            if (Glob.matches(p, channel)) {
                return p;
            }
        }
        return null;
    }

    private void onClosed() {
        synchronized (this) {
            closed = true;
            registered = false;
        }
        for (Subscription s : subscribers) {
            s.complete();
        }
        subscribers.clear();
    }

    private static String firstBytes(byte[] body) {
        int n = Math.min(body.length, 64);
        String s = new String(body, 0, n, StandardCharsets.UTF_8);
        return "'" + s + "'" + (body.length > n ? "... (" + body.length + " bytes)" : "");
    }

    @Override
    public String toString() {
        return "SubObservable{" + patterns + " as " + type.getTypeName() + " on " + remote.url() + "}";
    }

    /** One observer's subscription; disposing it leaves the SubObservable. */
    private final class Subscription implements Disposable {
        private final Observer<? super T> observer;
        private final boolean takesEnvelopes;
        private volatile boolean disposed;

        Subscription(Observer<? super T> observer) {
            this.observer = observer;
            this.takesEnvelopes = observer instanceof Element<?, ?> || rawType == Object.class;
        }

        @SuppressWarnings("unchecked")
        void deliver(Object item, String channel) {
            if (disposed) {
                return;
            }
            Object out = item;
            if (!takesEnvelopes && !rawType.isInstance(item)) {
                if (item instanceof Message<?> m && rawType.isInstance(m.value())) {
                    out = m.value();
                } else {
                    refused.increment();
                    dropLog.warn("channel '{}': refused {} to {}: it takes only {} (subscribe an element to receive "
                            + "envelopes)", channel, item, observer, rawType.getName());
                    return;
                }
            }
            try {
                observer.onNext((T) out);
            } catch (Throwable t) {
                Exceptions.throwIfFatal(t);
                LOG.warn("channel '{}': an observer of {} failed on {}; it stays subscribed", channel, patterns, out, t);
            }
        }

        void complete() {
            if (!disposed) {
                disposed = true;
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
