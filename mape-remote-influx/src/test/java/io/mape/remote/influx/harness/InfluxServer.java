package io.mape.remote.influx.harness;

import io.mape.config.MapeConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A running server that takes InfluxDB 2 writes and reads back what was written. */
public interface InfluxServer {

    /** One point as the server stored it; absent (null) tags and fields are left out. */
    record Row(Map<String, String> tags, Map<String, Object> fields, Instant time) {
    }

    /** For test names: questdb, influxdb2. */
    String kind();

    String url();

    /** Null when the server needs none. */
    String token();

    String org();

    String bucket();

    /** The rows of a measurement, oldest first; empty when it does not exist (yet). */
    List<Row> rows(String measurement);

    /** A configuration whose {@code influxdb} section points at this server, through {@code url}. */
    default MapeConfig config(String url) {
        return MapeConfig.builder().influxdb(url, token(), org(), bucket()).build();
    }

    default MapeConfig config() {
        return config(url());
    }
}
