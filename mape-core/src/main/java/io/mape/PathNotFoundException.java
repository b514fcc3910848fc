package io.mape;

import java.util.NoSuchElementException;

/** A dot path that names nothing in the App; the message says which part is missing and what exists there. */
public final class PathNotFoundException extends NoSuchElementException {

    public PathNotFoundException(String message) {
        super(message);
    }
}
