package io.mape.internal;

import io.mape.Element;
import io.mape.ElementFunction;
import io.mape.Kind;
import io.mape.Output;
import io.reactivex.rxjava3.core.ObservableTransformer;

/**
 * An element whose input pipe changes the item's type: port in (and the wire) takes {@code I}, the pipe maps it to
 * {@code T} (a window, a buffer, a sliding average), and the function takes {@code T}. Made by the
 * {@code Loop} factories that take a pipe.
 */
public final class PipedElement<I, T, O> extends Element<I, O> {

    private final ObservableTransformer<I, T> pipe;
    private final ElementFunction<T, O> fn;

    public PipedElement(Kind kind, String uid, ObservableTransformer<I, T> pipe, ElementFunction<T, O> fn) {
        super(kind, uid);
        this.pipe = pipe;
        this.fn = fn;
    }

    @Override
    protected ObservableTransformer<I, ?> inputPipe() {
        return pipe;
    }

    /** Receives what the pipe emitted: a {@code T}, whatever the signature says. */
    @Override
    @SuppressWarnings("unchecked")
    protected void process(I item, Output<O> out) throws Exception {
        fn.apply((T) item, out);
    }
}
