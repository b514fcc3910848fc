package io.mape.remote.influx;

/** Why points were lost; each reason has its own counter in {@link InfluxStats}. */
public enum LossReason {

    /** The item could not become a point: no fields, a field of another type, a failing mapper, no Point in raw mode. */
    UNMAPPABLE("could not become a point"),

    /** The buffer of points waiting to be written was full ({@link InfluxWriteOptions#bufferLimit()}). */
    BUFFER_FULL("buffer full"),

    /** The server refused the batch with a 4xx other than 429 (bad line, field type conflict, auth, no bucket). */
    REJECTED("rejected by the server"),

    /** The server could not be reached, or answered 429 or 5xx, for {@link InfluxWriteOptions#retryFor()}. */
    UNAVAILABLE("server unavailable"),

    /** The item arrived after the observer was closed, or was still waiting when the close timed out. */
    CLOSED("observer closed");

    private final String description;

    LossReason(String description) {
        this.description = description;
    }

    /** A few words for log lines. */
    public String description() {
        return description;
    }
}
