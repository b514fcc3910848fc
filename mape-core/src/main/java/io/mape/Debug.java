package io.mape;

/** What an element logs through SLF4J (logger {@code io.mape.debug}, level INFO): PyMAPE's {@code Debug.IN | OUT}. */
public enum Debug {
    /** Each item reaching port in. */
    IN,
    /** Each item leaving port out. */
    OUT
}
