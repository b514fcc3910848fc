package io.mape.remote.redis;

import io.mape.codec.JsonCodec;
import io.mape.internal.LossLog;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Observer that publishes each item to a Redis channel as its JSON (through the App's codec: a plain item as its
 * own document, {@link io.mape.Message} and {@link io.mape.CallMethod} as their envelopes), in the order received.
 * Made by {@link RedisRemote#pub(String)} or {@link RedisRemote#pub(io.mape.Element)}.
 *
 * <p><b>Threading.</b> {@code onNext} encodes on the pushing thread and hands the publish to Lettuce without
 * waiting for Redis; the answers are counted on Lettuce I/O threads. Never throws into the source.
 *
 * <p><b>Loss.</b> While Redis is unreachable (or slower than the source), publishes wait in the remote's bounded
 * buffer ({@link RedisOptions#publishBuffer()}, shared by its PubObservers, counting those awaiting an answer) and
 * go out in order once it is back. When the buffer is full the newest item is dropped. An item that cannot be
 * encoded, or whose publish fails (cut off in flight by a disconnect, so it may or may not have reached Redis; no
 * answer within {@link RedisOptions#commandTimeout()}; the remote closed) is counted as failed and not re-sent, so
 * what arrives is always in order. Both are
 * logged at WARN (at most one line per 5 s, with the count). Redis pub/sub keeps nothing: an item published while
 * nobody is subscribed is lost, and counted as {@link Stats#unheard()}. Errors and completion of the source are
 * logged, not published.
 */
public final class PubObserver implements Observer<Object>, Disposable {

    private static final Logger LOG = LoggerFactory.getLogger(PubObserver.class);

    /**
     * What happened to the items so far.
     *
     * @param sent    published and acknowledged by Redis
     * @param unheard of {@code sent}, those no subscriber received
     * @param dropped not published: the buffer was full
     * @param failed  not published: not encodable, timed out, or the remote closed
     * @param pending waiting for Redis now
     */
    public record Stats(long sent, long unheard, long dropped, long failed, long pending) {
    }

    private final RedisRemote remote;
    private final String channel;
    private final JsonCodec codec;
    private final CompositeDisposable upstreams = new CompositeDisposable();
    private final LongAdder offered = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder unheard = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LossLog dropLog = new LossLog(LOG);

    PubObserver(RedisRemote remote, String channel) {
        this.remote = remote;
        this.channel = channel;
        this.codec = remote.app().codec();
    }

    public String channel() {
        return channel;
    }

    /** A snapshot of the counters. */
    public Stats stats() {
        long s = sent.sum();
        long d = dropped.sum();
        long f = failed.sum();
        return new Stats(s, unheard.sum(), d, f, offered.sum() - s - d - f);
    }

    @Override
    public void onSubscribe(Disposable d) {
        upstreams.add(d);
    }

    @Override
    public void onNext(Object item) {
        offered.increment();
        byte[] body;
        try {
            body = codec.encode(item);
        } catch (RuntimeException e) {
            failed.increment();
            dropLog.warn("channel '{}': cannot encode {}, not published: {}", channel, item, e.getMessage());
            return;
        }
        boolean taken;
        try {
            taken = remote.publish(channel, body, this::answered);
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        if (!taken) {
            dropped.increment();
            dropLog.warn("channel '{}': dropped the newest item: {} publishes already wait for Redis at {} "
                    + "({} dropped on this channel so far)", channel, remote.options().publishBuffer(), remote.url(),
                    dropped.sum());
        }
    }

    private void answered(Long receivers, Throwable e) {
        if (e != null) {
            failed(e);
        } else {
            sent.increment();
            if (receivers == 0) {
                unheard.increment();
            }
        }
    }

    private void failed(Throwable e) {
        failed.increment();
        dropLog.warn("channel '{}': an item was not published: {} ({} failed on this channel so far)", channel,
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), failed.sum());
    }

    @Override
    public void onError(Throwable e) {
        LOG.warn("channel '{}': the source failed; the error is not published", channel, e);
    }

    @Override
    public void onComplete() {
        LOG.debug("channel '{}': the source completed", channel);
    }

    /** Unlinks from every source; what was handed to Lettuce still goes out. */
    @Override
    public void dispose() {
        upstreams.dispose();
    }

    @Override
    public boolean isDisposed() {
        return upstreams.isDisposed();
    }

    @Override
    public String toString() {
        return "PubObserver{" + channel + " on " + remote.url() + "}";
    }
}
