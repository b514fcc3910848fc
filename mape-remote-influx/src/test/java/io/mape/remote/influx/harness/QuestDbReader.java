package io.mape.remote.influx.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads QuestDB tables back over its HTTP SQL endpoint: tags are SYMBOL columns, fields the other columns. */
final class QuestDbReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private QuestDbReader() {
    }

    /** The answer to {@code /exec?query=...}, or null when the server answers with an error status. */
    static JsonNode exec(String url, String sql) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/exec?query="
                        + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            return res.statusCode() == 200 ? JSON.readTree(res.body()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("querying " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<InfluxServer.Row> rows(String url, String measurement) {
        JsonNode res = exec(url, "select * from \"" + measurement.replace("\"", "\"\"") + "\" order by timestamp");
        List<InfluxServer.Row> rows = new ArrayList<>();
        if (res == null) {
            return rows;
        }
        JsonNode columns = res.get("columns");
        for (JsonNode values : res.get("dataset")) {
            Map<String, String> tags = new LinkedHashMap<>();
            Map<String, Object> fields = new LinkedHashMap<>();
            Instant time = null;
            for (int i = 0; i < columns.size(); i++) {
                String name = columns.get(i).get("name").asText();
                String type = columns.get(i).get("type").asText();
                JsonNode v = values.get(i);
                if (v.isNull()) {
                    continue;
                }
                switch (type) {
                    case "SYMBOL" -> tags.put(name, v.asText());
                    case "TIMESTAMP" -> time = Instant.parse(v.asText());
                    case "LONG", "INT", "SHORT", "BYTE" -> fields.put(name, v.asLong());
                    case "DOUBLE", "FLOAT" -> fields.put(name, v.asDouble());
                    case "BOOLEAN" -> fields.put(name, v.asBoolean());
                    default -> fields.put(name, v.asText());
                }
            }
            rows.add(new InfluxServer.Row(tags, fields, time));
        }
        return rows;
    }
}
