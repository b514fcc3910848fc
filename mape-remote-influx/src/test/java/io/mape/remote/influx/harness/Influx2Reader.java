package io.mape.remote.influx.harness;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.query.FluxColumn;
import com.influxdb.query.FluxRecord;
import com.influxdb.query.FluxTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads an InfluxDB 2 measurement back with Flux, one row per point (fields pivoted into columns). */
final class Influx2Reader {

    private static final Set<String> NOT_FIELDS = Set.of("_time", "_start", "_stop", "_measurement", "result", "table");

    private Influx2Reader() {
    }

    static List<InfluxServer.Row> rows(InfluxServer server, String measurement) {
        String flux = "from(bucket: \"" + server.bucket() + "\") |> range(start: 0)"
                + " |> filter(fn: (r) => r._measurement == \"" + measurement.replace("\"", "\\\"") + "\")"
                + " |> pivot(rowKey: [\"_time\"], columnKey: [\"_field\"], valueColumn: \"_value\")";
        List<InfluxServer.Row> rows = new ArrayList<>();
        try (InfluxDBClient client = InfluxDBClientFactory.create(server.url(),
                server.token() == null ? new char[0] : server.token().toCharArray(), server.org())) {
            for (FluxTable table : client.getQueryApi().query(flux)) {
                Set<String> groupKey = table.getGroupKey().stream().map(FluxColumn::getLabel)
                        .collect(Collectors.toSet());
                for (FluxRecord r : table.getRecords()) {
                    Map<String, String> tags = new LinkedHashMap<>();
                    Map<String, Object> fields = new LinkedHashMap<>();
                    r.getValues().forEach((k, v) -> {
                        if (v == null || NOT_FIELDS.contains(k)) {
                            return;
                        }
                        if (groupKey.contains(k)) {
                            tags.put(k, v.toString());
                        } else {
                            fields.put(k, v);
                        }
                    });
                    rows.add(new InfluxServer.Row(tags, fields, r.getTime()));
                }
            }
        }
        rows.sort(Comparator.comparing(InfluxServer.Row::time, Comparator.nullsFirst(Comparator.<Instant>naturalOrder())));
        return rows;
    }
}
