package io.mape.remote.rest;

import java.util.Locale;

/** What kind of Rx notification a request carries; the query parameter {@code notification} on the wire. */
public enum NotificationKind {
    /** An item: the body is its JSON. */
    NEXT,
    /** An error: the body (a JSON string, or any JSON) becomes the message of a {@link RemoteErrorException}. */
    ERROR,
    /** The source completed: the body is ignored. */
    COMPLETED;

    /** The name on the wire: {@code next}, {@code error} or {@code completed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The notification with this wire name.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static NotificationKind fromWireName(String name) {
        for (NotificationKind n : values()) {
            if (n.wireName().equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("notification must be 'next', 'error' or 'completed', got '" + name + "'");
    }
}
