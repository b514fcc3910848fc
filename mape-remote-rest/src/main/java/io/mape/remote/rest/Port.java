package io.mape.remote.rest;

import java.util.Locale;

/** Which port of a remote element a notification goes to; the query parameter {@code port} on the wire. */
public enum Port {
    /** Port in: the element processes the item ({@link io.mape.Element#onNext}). */
    IN,
    /** Port out: the item goes straight to the element's subscribers ({@link io.mape.Element#portOut()}). */
    OUT;

    /** The name on the wire: {@code in} or {@code out}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The port named {@code in} or {@code out}.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Port fromWireName(String name) {
        for (Port p : values()) {
            if (p.wireName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("port must be 'in' or 'out', got '" + name + "'");
    }
}
