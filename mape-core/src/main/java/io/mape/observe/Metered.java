package io.mape.observe;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One thing of an App whose counters can be read, as {@link Observability#metered()} lists it.
 *
 * <table>
 *   <caption>What is listed</caption>
 *   <tr><th>subject</th><th>kind</th><th>name</th><th>tags</th><th>stats</th></tr>
 *   <tr><td>an {@link io.mape.Element}</td><td>{@code monitor}, {@code analyze}, {@code plan}, {@code execute}</td>
 *       <td>its path {@code loop.element}</td><td>{@code level} (empty for none), {@code loop}, {@code element}</td>
 *       <td>{@link io.mape.ElementStats}</td></tr>
 *   <tr><td>a {@link io.mape.remote.Link} (sink or source of a transport)</td><td>{@code sink}, {@code source}</td>
 *       <td>its channel or pattern</td><td>{@code transport}, {@code channel}</td>
 *       <td>{@link io.mape.remote.DeliveryStats}</td></tr>
 *   <tr><td>what a module {@linkplain Observability#register registers}</td><td colspan="4">as it says</td></tr>
 * </table>
 *
 * @param kind    what it is, lower case; a binder names its meters after it
 * @param name    which one it is, for people
 * @param tags    a few tags of bounded values (never an item's content), in a stable order
 * @param subject the object measured
 * @param stats   reads a fresh snapshot of its counters, from any thread (a record, for a binder to read)
 */
public record Metered(String kind, String name, Map<String, String> tags, Object subject, Supplier<?> stats) {

    public Metered {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(stats, "stats");
    }

    /** A fresh snapshot of the counters. */
    public Object snapshot() {
        return stats.get();
    }
}
