package io.mape;

import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.Disposable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink that logs every notification through SLF4J (logger {@code io.mape.log}, level INFO), with a prefix:
 * {@code detect.subscribe(new LogObserver("detect"))}. Thread-safe; subscribe it to as many sources as you like.
 */
public final class LogObserver implements Observer<Object> {

    private static final Logger LOG = LoggerFactory.getLogger("io.mape.log");

    private final String prefix;

    public LogObserver(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void onSubscribe(Disposable d) {
        // nothing to keep: the source owns the subscription
    }

    @Override
    public void onNext(Object item) {
        LOG.info("{}: {}", prefix, item);
    }

    @Override
    public void onError(Throwable e) {
        LOG.info("{}: error {}", prefix, e.toString());
    }

    @Override
    public void onComplete() {
        LOG.info("{}: completed", prefix);
    }
}
