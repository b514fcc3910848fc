package io.mape.internal;

import java.io.Serializable;

/** An element whose body is a lambda that {@link io.mape.Element#swap} may replace. */
public interface Swappable {

    /**
     * Makes {@code body} the body for every item after the one in process.
     *
     * @throws IllegalArgumentException when it is not a body of this element's shape and types
     */
    void swap(Serializable body);
}
