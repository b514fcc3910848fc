package io.mape.remote.influx.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import io.mape.remote.RemoteUnavailableException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The clients an observer builds for itself. Their HTTP layer keeps the server's reason for a refusal: an error answer
 * whose body is not InfluxDB's JSON ({@code {"code": ..., "message": ...}}), as a proxy or a server of another kind
 * sends, is handed to the client as that JSON with the body's text as the message, so the client's exception says
 * it instead of only its class name.
 */
public final class InfluxClients {

    /** How much of a refusal's body is kept. */
    static final int REASON_LIMIT = 500;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private InfluxClients() {
    }

    /** A client of {@code url} with the token, when there is one; it does not contact the server. */
    public static InfluxDBClient create(String url, String token, String org, String bucket) {
        InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder()
                .url(url).org(org).bucket(bucket)
                .okHttpClient(new OkHttpClient.Builder().addInterceptor(InfluxClients::keepReason));
        if (token != null) {
            options.authenticateToken(token.toCharArray());
        }
        return InfluxDBClientFactory.create(options.build());
    }

    /**
     * Throws {@link RemoteUnavailableException} when nothing answers {@code GET /ping} at {@code url} within 5 s;
     * any HTTP answer, even a refusal, means the server is there.
     */
    public static void checkReachable(String url) {
        OkHttpClient probe = new OkHttpClient.Builder().callTimeout(5, TimeUnit.SECONDS).build();
        Request ping = new Request.Builder().url(url.replaceAll("/+$", "") + "/ping").get().build();
        try {
            probe.newCall(ping).execute().close();
        } catch (IOException e) {
            throw new RemoteUnavailableException("InfluxDB at " + url + " cannot be reached: " + e, e);
        } finally {
            probe.dispatcher().executorService().shutdown();
            probe.connectionPool().evictAll();
        }
    }

    private static Response keepReason(Interceptor.Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.isSuccessful() || response.body() == null) {
            return response;
        }
        String text = response.peekBody(64 * 1024).string();
        if (hasMessage(text)) {
            return response;
        }
        String reason = text.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        if (reason.length() > REASON_LIMIT) {
            reason = reason.substring(0, REASON_LIMIT) + "…";
        }
        ObjectNode error = JSON.createObjectNode()
                .put("code", String.valueOf(response.code()))
                .put("message", reason.isEmpty() ? response.code() + " " + response.message() : reason);
        return response.newBuilder().body(ResponseBody.create(error.toString(), JSON_TYPE)).build();
    }

    private static boolean hasMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.path("message").isTextual() && !node.path("message").asText().isBlank();
        } catch (IOException e) {
            return false;
        }
    }
}
