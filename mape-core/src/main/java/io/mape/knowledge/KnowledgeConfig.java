package io.mape.knowledge;

import io.mape.config.ConfigKey;
import io.mape.config.spi.ConfigSection;
import java.util.List;

/**
 * The {@code knowledge} section of the config, declared by mape-core:
 *
 * <pre>
 * knowledge:
 *   namespace: traffic      # MAPE_KNOWLEDGE_NAMESPACE; default none: PyMAPE's keys k.app.*, k.loop.*, ...
 * </pre>
 *
 * A remote backend ({@code RedisKnowledgeBackend}) puts every scope in the namespace ({@link Scope#in(String)}) unless
 * its builder says otherwise. Stateless.
 */
public final class KnowledgeConfig implements ConfigSection {

    /** {@code knowledge.namespace} ({@code MAPE_KNOWLEDGE_NAMESPACE}): the namespace of remote Knowledge keys. */
    public static final ConfigKey<String> NAMESPACE = ConfigKey.builder("knowledge.namespace", String.class)
            .env("MAPE_KNOWLEDGE_NAMESPACE")
            .pattern("[\\p{L}\\p{N}_.-]+", "letters, digits, '_', '-' and '.'").build();

    @Override
    public String name() {
        return "knowledge";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(NAMESPACE);
    }
}
