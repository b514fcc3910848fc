/**
 * mape-core: the MAPE-K model, the data path, items, operators, Knowledge, config and the JSON codec.
 *
 * <p>{@code io.mape.internal} is not API; it is exported only to the remote modules of this project. On the module
 * path, a user module whose lambdas or annotated beans become elements opens their packages to {@code io.mape.core}
 * (the input type of a lambda is read from its {@code SerializedLambda}, annotated methods are called reflectively),
 * and item types the codec maps are opened to {@code com.fasterxml.jackson.databind}.
 */
module io.mape.core {
    requires transitive io.reactivex.rxjava3;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;

    exports io.mape;
    exports io.mape.annotation;
    exports io.mape.codec;
    exports io.mape.config;
    exports io.mape.config.spi;
    exports io.mape.knowledge;
    exports io.mape.knowledge.spi;
    exports io.mape.leader;
    exports io.mape.leader.spi;
    exports io.mape.observe;
    exports io.mape.remote;
    exports io.mape.remote.spi;
    exports io.mape.safety;
    exports io.mape.spi;
    exports io.mape.internal to io.mape.remote.rest, io.mape.remote.influx, io.mape.remote.redis;

    uses io.mape.config.spi.ConfigSection;
    provides io.mape.config.spi.ConfigSection with io.mape.knowledge.KnowledgeConfig;

    opens io.mape to com.fasterxml.jackson.databind;
    opens io.mape.config to com.fasterxml.jackson.databind;
    opens io.mape.knowledge to com.fasterxml.jackson.databind;
    opens io.mape.knowledge.internal to com.fasterxml.jackson.databind;
    opens io.mape.leader to com.fasterxml.jackson.databind;
    opens io.mape.remote to com.fasterxml.jackson.databind;
    opens io.mape.safety to com.fasterxml.jackson.databind;
}
