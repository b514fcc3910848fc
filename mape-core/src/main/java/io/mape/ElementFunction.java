package io.mape;

import java.io.Serializable;

/**
 * The body of an element defined by a lambda: receives each item of port in and emits zero or more items.
 *
 * <p>Called with one item at a time, never concurrently for the same element. An exception it throws is logged
 * with the element path and the item, counted in {@link ElementStats#errors()}, and the element goes on.
 *
 * <p>The declared type of {@code item} (as in {@code (Boolean emergency, Output<String> out) -> ...}) becomes the
 * element's {@link Element#inputType()}, what the wire decodes into. These interfaces are {@link Serializable} only
 * so that this type can be read from the lambda; nothing is ever serialized.
 */
@FunctionalInterface
public interface ElementFunction<I, O> extends Serializable {

    void apply(I item, Output<O> out) throws Exception;

    /** The same, also given the element itself (PyMAPE's {@code self}): its loop, Knowledge, uid and properties. */
    @FunctionalInterface
    interface WithSelf<I, O> extends Serializable {
        void apply(I item, Output<O> out, Element<I, O> self) throws Exception;
    }

    /**
     * An asynchronous body: the element takes its next item only when the returned stage completes, so the
     * element's order is kept without blocking the pushing thread. A {@code null} stage means done.
     */
    @FunctionalInterface
    interface Async<I, O> extends Serializable {
        java.util.concurrent.CompletionStage<?> apply(I item, Output<O> out) throws Exception;
    }
}
