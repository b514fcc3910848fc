package io.mape.config.spi;

import io.mape.config.ConfigKey;
import java.util.List;

/**
 * A section of the config owned by a module ({@code rest}, {@code redis}, {@code influxdb}): its name and its keys.
 * {@link io.mape.config.MapeConfig} finds every section on the class path with {@link java.util.ServiceLoader} (a
 * module lists its implementation in {@code META-INF/services/io.mape.config.spi.ConfigSection}) and then refuses,
 * in a section, a key it does not declare (suggesting the nearest one) and a value that does not fit its key. A key
 * outside every section is the user's. Implementations are stateless, with a public no-argument constructor.
 */
public interface ConfigSection {

    /** The name of the section, its first path part: {@code rest}. */
    String name();

    /** The keys of the section, each named {@code <name>.<member>}. */
    List<ConfigKey<?>> keys();
}
