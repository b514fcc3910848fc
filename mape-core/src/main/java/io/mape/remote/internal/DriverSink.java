package io.mape.remote.internal;

import io.mape.codec.JsonCodec;
import io.mape.internal.LossLog;
import io.mape.observe.Observability;
import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.Sink;
import io.mape.remote.SinkOptions;
import io.mape.remote.spi.Outbox;
import io.mape.remote.spi.TransportDriver;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sink of a {@link DriverTransport}: encode, cap the size, queue in the outbox, send through the driver. */
final class DriverSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(Sink.class);

    private final DriverTransport transport;
    private final String channel;
    private final SinkOptions options;
    private final JsonCodec codec;
    private final Outbox<byte[]> outbox;
    private final CompositeDisposable upstreams = new CompositeDisposable();
    private final AtomicBoolean closed = new AtomicBoolean();

    DriverSink(DriverTransport transport, String channel, SinkOptions options) {
        this.transport = transport;
        this.channel = channel;
        this.options = options;
        this.codec = transport.app().codec();
        TransportDriver driver = transport.driver();
        this.outbox = new Outbox<>("sink '" + channel + "' of " + driver.name(), options,
                (body, done) -> driver.send(channel, body, done), driver::isConnected, driver.maxInFlight(),
                transport.scheduler());
        outbox.publishDrops(Observability.of(transport.app()), channel);
    }

    @Override
    public void onSubscribe(Disposable d) {
        upstreams.add(d);
    }

    @Override
    public void onNext(Object item) {
        byte[] body;
        try {
            body = codec.encode(item);
        } catch (RuntimeException e) {
            outbox.refuse(DropReason.UNENCODABLE, "cannot encode " + LossLog.brief(item) + ": " + e.getMessage());
            return;
        }
        outbox.offerEncoded(body, body.length);
    }

    @Override
    public void onError(Throwable e) {
        LOG.warn("sink '{}' of {}: the source failed; the error is not sent", channel, transport.name(), e);
    }

    @Override
    public void onComplete() {
        LOG.debug("sink '{}' of {}: a source completed", channel, transport.name());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        upstreams.dispose();
        outbox.close(options.closeGrace());
        transport.closed(this);
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public String transport() {
        return transport.name();
    }

    @Override
    public DeliveryStats stats() {
        return outbox.stats();
    }

    @Override
    public String toString() {
        return "Sink{" + channel + " on " + transport.name() + "}";
    }
}
