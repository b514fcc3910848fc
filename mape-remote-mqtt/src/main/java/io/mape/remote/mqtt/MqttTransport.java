package io.mape.remote.mqtt;

import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.remote.SinkOptions;
import io.mape.remote.Transport;
import io.mape.remote.spi.Transports;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * MQTT as a {@link Transport}: a sink publishes each item's JSON (the App's codec) to the MQTT topic named by its
 * channel, verbatim ({@code car_a.detect}, {@code cars/a/speed}); a source subscribes to a channel pattern with
 * Redis's glob rules, exactly as over Redis pub/sub. Any MQTT device publishing the project's JSON reaches an
 * element; loops on different devices share one broker.
 *
 * <pre>{@code
 * Transport mqtt = MqttTransport.builder(app).build();              // mqtt.url of the App's config
 * mqtt.sink(detect);                                                // detect's items to topic "car_a.detect"
 * mqtt.source("car_*.detect", collect);                             // every car's detect into collect
 * }</pre>
 *
 * <p><b>Connection.</b> One Paho client per transport, with a clean session and a client id made of
 * {@link MqttConfig#CLIENT_ID_PREFIX} and a random suffix. {@link Builder#build()} connects and fails fast with
 * {@link io.mape.remote.RemoteUnavailableException} when the broker is absent; a connection lost later is
 * reconnected (every second at first, then up to {@link Builder#maxReconnectDelay}) and the sources subscribe
 * again. Plain TCP ({@code tcp://}) only for now: no TLS. A source subscribes to the narrowest MQTT filter that
 * covers its pattern ({@code cars/a?/speed} subscribes {@code cars/#}, {@code car_*} subscribes {@code #}) and
 * matches each message against the pattern itself.
 *
 * <p><b>Loss.</b> Clean sessions keep nothing for a client that is away. While the broker is away, a sink's items
 * wait in its outbox ({@link SinkOptions}) and go out in order once it is back; what is published before a
 * subscriber has subscribed again is not heard. A publish cut off in flight fails and is not sent again, so
 * nothing is duplicated. Publishes are counted {@code sent}, never {@code acknowledged}: MQTT does not say whether
 * anyone subscribed. The broker may drop on its own what a slow subscriber does not take (mosquitto's
 * {@code max_queued_messages}, 1000 per client by default), unseen by the sender. A sink refuses, when it is made,
 * a channel that is no MQTT topic name (empty, {@code +}, {@code #}, NUL, over 65,535 bytes, or a {@code $} first);
 * a source, a pattern no topic name can match.
 *
 * <p><b>Threading.</b> Items are received on the transport's delivery thread ({@code mape-mqtt-<client id>-delivery}),
 * one at a time in arrival order, never on Paho's threads: an observer may block, but a slow one delays every
 * source of the transport (give a slow element a Scheduler). A received message beyond
 * {@link Builder#deliveryBuffer} waiting messages is dropped and counted as {@code missed} by each source it was for.
 */
public final class MqttTransport {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MqttTransport() {
    }

    /** A builder of an MQTT transport of {@code app}, from the App's {@code mqtt} config section. */
    public static Builder builder(App app) {
        return new Builder(app);
    }

    /** Builds an MQTT {@link Transport}. Not thread-safe. */
    public static final class Builder {
        private final App app;
        private String url;
        private int qos;
        private String clientIdPrefix;
        private String username;
        private char[] password;
        private int maxInFlight = 20;
        private int deliveryBuffer = 10_000;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration keepAlive = Duration.ofSeconds(30);
        private Duration maxReconnectDelay = Duration.ofSeconds(2);
        private SinkOptions sinkOptions = SinkOptions.defaults();

        private Builder(App app) {
            this.app = Objects.requireNonNull(app, "app");
            MapeConfig config = app.config();
            this.url = config.get(MqttConfig.URL);
            this.qos = config.get(MqttConfig.QOS);
            this.clientIdPrefix = config.get(MqttConfig.CLIENT_ID_PREFIX);
            this.username = config.find(MqttConfig.USERNAME).orElse(null);
            this.password = config.find(MqttConfig.PASSWORD).map(String::toCharArray).orElse(null);
        }

        /** The broker, {@code tcp://host:port}; default the App's {@code mqtt.url} ({@code tcp://127.0.0.1:1883}). */
        public Builder url(String url) {
            URI uri = URI.create(Objects.requireNonNull(url, "url"));
            if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("an MQTT url is tcp://host:port (no TLS yet), got '" + url + "'");
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException("give the MQTT user with username(...) and password(...), "
                        + "not in the url");
            }
            this.url = url;
            return this;
        }

        /** The QoS of what sinks publish and sources subscribe: 0, 1 or 2; default the App's {@code mqtt.qos} (1). */
        public Builder qos(int qos) {
            if (qos < 0 || qos > 2) {
                throw new IllegalArgumentException("an MQTT QoS is 0, 1 or 2, got " + qos);
            }
            this.qos = qos;
            return this;
        }

        /** The start of the client id, to which a random suffix is added; default {@code mqtt.client-id-prefix}. */
        public Builder clientIdPrefix(String prefix) {
            this.clientIdPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** The user to connect as; default {@code mqtt.username}, else none. */
        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        /** The password of the user; default {@code mqtt.password}, else none. Never logged nor shown. */
        public Builder password(char[] password) {
            this.password = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /**
         * How many publishes may await the broker's answer at once, over all the sinks of the transport (Paho's
         * max inflight); a publish beyond it waits in its outbox. Default 20, mosquitto's
         * {@code max_inflight_messages}: mosquitto 2.0 drops, unseen by the sender (which is answered as if it had
         * taken them), the QoS 2 publishes a client has in flight beyond it, so keep this at or below the broker's.
         */
        public Builder maxInFlight(int max) {
            this.maxInFlight = positive(max, "maxInFlight");
            return this;
        }

        /** How many received messages may wait for the delivery thread; one beyond is dropped. Default 10,000. */
        public Builder deliveryBuffer(int messages) {
            this.deliveryBuffer = positive(messages, "deliveryBuffer");
            return this;
        }

        /** How long {@link #build()} waits for the broker; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = atLeast(timeout, Duration.ofSeconds(1), "connectTimeout");
            return this;
        }

        /** The MQTT keep-alive: the client pings after this much silence, and a broker that does not answer is lost. Default 30 s. */
        public Builder keepAlive(Duration keepAlive) {
            this.keepAlive = atLeast(keepAlive, Duration.ofSeconds(1), "keepAlive");
            return this;
        }

        /** The longest wait between two reconnection attempts (they start at 1 s and double); default 2 s. */
        public Builder maxReconnectDelay(Duration delay) {
            this.maxReconnectDelay = atLeast(delay, Duration.ofSeconds(1), "maxReconnectDelay");
            return this;
        }

        /** The options of the sinks; default {@link SinkOptions#defaults()}. */
        public Builder sinkOptions(SinkOptions options) {
            this.sinkOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * The transport, connected now.
         *
         * @throws io.mape.remote.RemoteUnavailableException when the broker cannot be reached
         */
        public Transport build() {
            url(url);
            String clientId = clientIdPrefix + HexFormat.of().toHexDigits(RANDOM.nextLong());
            MqttDriver driver = new MqttDriver(new MqttDriver.Settings(url, clientId, qos, username, password,
                    maxInFlight, deliveryBuffer, connectTimeout, keepAlive, maxReconnectDelay));
            return Transports.over(app, driver, sinkOptions);
        }

        private static int positive(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + n);
            }
            return n;
        }

        private static Duration atLeast(Duration d, Duration min, String what) {
            if (Objects.requireNonNull(d, what).compareTo(min) < 0) {
                throw new IllegalArgumentException(what + " must be at least " + min + ", got " + d);
            }
            return d;
        }
    }
}
