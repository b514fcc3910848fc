package io.mape;

/**
 * Where an element puts what it produces: each {@link #next} goes out through the element's port out,
 * after its output operators.
 *
 * <p>Call it from the thread that runs the element's function, or, for an asynchronous function, before
 * the returned stage completes. Null is refused with a {@link NullPointerException}.
 *
 * @param <T> the element's output type
 */
@FunctionalInterface
public interface Output<T> {

    /** Emits one item to the element's subscribers. */
    void next(T item);
}
