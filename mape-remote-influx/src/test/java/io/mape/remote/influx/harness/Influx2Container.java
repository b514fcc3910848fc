package io.mape.remote.influx.harness;

import java.util.List;
import org.testcontainers.containers.InfluxDBContainer;
import org.testcontainers.utility.DockerImageName;

/** InfluxDB 2 in a container, for machines with a Docker engine. */
final class Influx2Container implements InfluxServer, AutoCloseable {

    private static final String TOKEN = "mape-test-token";

    private final InfluxDBContainer<?> container;

    private Influx2Container(InfluxDBContainer<?> container) {
        this.container = container;
    }

    static Influx2Container start() {
        InfluxDBContainer<?> c = new InfluxDBContainer<>(DockerImageName.parse("influxdb:2.7"))
                .withAdminToken(TOKEN).withOrganization("mape").withBucket("mape")
                .withUsername("mape").withPassword("mape-password");
        c.start();
        return new Influx2Container(c);
    }

    @Override
    public String kind() {
        return "influxdb2";
    }

    @Override
    public String url() {
        return container.getUrl();
    }

    @Override
    public String token() {
        return TOKEN;
    }

    @Override
    public String org() {
        return container.getOrganization();
    }

    @Override
    public String bucket() {
        return container.getBucket();
    }

    @Override
    public List<Row> rows(String measurement) {
        return Influx2Reader.rows(this, measurement);
    }

    @Override
    public void close() {
        container.stop();
    }
}
