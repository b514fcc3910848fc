package io.mape.micrometer;

import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code GET /metrics}, the Prometheus text exposition of a registry, as a route of a {@code RestServer}:
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * MapeMetrics.of(app).bindTo(registry);
 * RestServer.builder(app).configure(PrometheusRoute.of(registry)).build();
 * }</pre>
 *
 * <p>The route is a user route of the server ({@code RestServer.Builder#configure}), so it takes the same token,
 * {@code Host} and {@code Origin} checks as the API: give Prometheus the token as a bearer credential. Needs
 * {@code mape-remote-rest} and {@code micrometer-registry-prometheus} on the classpath (both optional dependencies
 * of this module).
 */
public final class PrometheusRoute {

    /** Where it answers. */
    public static final String PATH = "/metrics";
    /** The content type of the text format it answers in. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusRoute() {
    }

    /** A configuration step for {@code RestServer.Builder#configure} adding {@code GET /metrics}. */
    public static Consumer<JavalinConfig> of(PrometheusMeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return cfg -> cfg.router.mount(r -> r.get(PATH, ctx -> ctx.contentType(CONTENT_TYPE)
                .result(registry.scrape())));
    }
}
