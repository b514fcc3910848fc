package io.mape;

import io.mape.internal.LossLog;
import io.mape.observe.Event;
import io.mape.observe.Observability;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableTransformer;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.functions.Function;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** MAPE operators on top of RxJava's, applied with {@code .compose(...)}. */
public final class MapeOps {

    /** The reason of an {@link Event.Drop} of {@link #router} and {@link #gateway}: no element at the destination. */
    public static final String NO_ROUTE = "no-route";

    private static final Logger LOG = LoggerFactory.getLogger(MapeOps.class);

    private MapeOps() {
    }

    /**
     * Pipes the stream through an element: upstream items go into its port in, and what its port out emits comes
     * downstream. Disposing the downstream subscription unlinks both sides.
     */
    public static <I, O> ObservableTransformer<I, O> through(Element<I, O> element) {
        Objects.requireNonNull(element, "element");
        return upstream -> Observable.create(emitter -> {
            Disposable out = element.subscribe(emitter::onNext, emitter::onError, emitter::onComplete);
            Disposable in = upstream.subscribe(element::onNext, element::onError);
            emitter.setCancellable(() -> {
                in.dispose();
                out.dispose();
            });
        });
    }

    /**
     * Delivers each {@link Message} with a {@code dst} into the port in of the element at that path in {@code app}
     * and lets the others pass downstream. An item whose {@code dst} names no element is dropped: counted (the log
     * line has the running count), logged at WARN rate-limited, and published as an {@link Event.Drop} of that
     * {@code dst} with the reason {@value #NO_ROUTE}.
     */
    public static <T extends Message<?>> ObservableTransformer<T, T> router(App app) {
        return gateway(app, Message::dst);
    }

    /**
     * Delivers each item into the element at the path {@code destination} gives it (as {@link #router} does with
     * {@code dst}); items for which it gives null pass downstream.
     */
    public static <T> ObservableTransformer<T, T> gateway(App app, Function<? super T, String> destination) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(destination, "destination");
        Observability observability = Observability.of(app);
        LossLog unrouted = new LossLog(LOG);
        AtomicLong dropped = new AtomicLong();
        return upstream -> upstream.filter(item -> {
            String dst = destination.apply(item);
            if (dst == null) {
                return true;
            }
            Object target = app.find(dst).orElse(null);
            if (target instanceof Element<?, ?> e) {
                @SuppressWarnings("unchecked")
                Element<Object, ?> element = (Element<Object, ?>) e;
                element.onNext(item);
            } else {
                long n = dropped.incrementAndGet();
                unrouted.warn("no element at '{}' to route {} to; dropped ({} dropped so far for want of a route)",
                        dst, item, n);
                observability.publishDrop(dst, NO_ROUTE, () -> LossLog.brief(item));
            }
            return false;
        });
    }

    /**
     * Splits the stream by key and gives each group its own copy of {@code pipeline} (e.g. a window per car), then
     * merges what the groups emit.
     */
    public static <T, K, R> ObservableTransformer<T, R> groupAndPipe(Function<? super T, ? extends K> key,
                                                                     ObservableTransformer<T, R> pipeline) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pipeline, "pipeline");
        return upstream -> upstream.groupBy(key).flatMap(group -> group.compose(pipeline));
    }
}
