package io.mape.remote.influx.harness;

import java.util.List;
import java.util.Map;

/**
 * A server the developer runs, named by {@code MAPE_TEST_INFLUX_URL} (with {@code MAPE_TEST_INFLUX_TOKEN},
 * {@code _ORG}, {@code _BUCKET}; org and bucket default to {@code mape}): a QuestDB when it answers SQL on
 * {@code /exec}, else an InfluxDB 2 read with Flux.
 */
record RemoteServer(String kind, String url, String token, String org, String bucket)
        implements InfluxServer, AutoCloseable {

    static RemoteServer fromEnvironment(Map<String, String> env) {
        String url = env.get("MAPE_TEST_INFLUX_URL").replaceAll("/+$", "");
        String org = env.getOrDefault("MAPE_TEST_INFLUX_ORG", "mape");
        String bucket = env.getOrDefault("MAPE_TEST_INFLUX_BUCKET", "mape");
        boolean questDb;
        try {
            questDb = QuestDbReader.exec(url, "select 1") != null;
        } catch (RuntimeException e) {
            throw new IllegalStateException("MAPE_TEST_INFLUX_URL=" + url + " does not answer: " + e.getMessage(), e);
        }
        return new RemoteServer(questDb ? "questdb" : "influxdb2", url, env.get("MAPE_TEST_INFLUX_TOKEN"), org, bucket);
    }

    @Override
    public List<Row> rows(String measurement) {
        return kind.equals("questdb") ? QuestDbReader.rows(url, measurement) : Influx2Reader.rows(this, measurement);
    }

    /** The developer's server stays up. */
    @Override
    public void close() {
    }
}
