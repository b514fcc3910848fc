package io.mape.safety;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableTransformer;

/**
 * An operator between a plan and its effector that can hold items back. Its state (and so its counters) belongs
 * to the operator object: applied to several streams, it counts and decides for all of them together.
 * Thread-safe.
 */
public interface SafetyOperator<T, R> extends ObservableTransformer<T, R> {

    /** Its counters now. */
    SafetyStats stats();

    /**
     * Every item it holds back, as it happens, on the thread that pushed the item. Hot: a subscriber sees the
     * vetoes from its subscription on.
     */
    Observable<Veto<T>> vetoes();
}
