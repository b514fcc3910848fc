package io.mape.remote.mqtt;

import io.mape.remote.ChannelPattern;
import io.mape.remote.RemoteUnavailableException;
import io.mape.remote.mqtt.internal.Delivery;
import io.mape.remote.mqtt.internal.Topics;
import io.mape.remote.spi.SendResult;
import io.mape.remote.spi.TransportDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT as a {@link TransportDriver}, over one Paho {@link MqttAsyncClient} (clean session, in-memory persistence,
 * Paho's automatic reconnect). A send publishes asynchronously: not connected, or at Paho's in-flight bound, it
 * answers {@link SendResult#RETRY} from within the call; a publish that fails once handed to Paho is
 * {@link SendResult#FAILED} and never sent again (clean session: Paho does not resend it either). A publish is
 * {@link SendResult#SENT}, never acknowledged: MQTT does not say whether anyone subscribed.
 *
 * <p>A subscription takes the narrowest filter that covers its pattern ({@link Topics#filter}), one MQTT
 * subscription per filter however many patterns share it, and matches each message against its pattern. Messages
 * arrive on Paho's callback thread, which only queues them to the {@link Delivery} thread; one that does not fit
 * is counted as missed by each receiver it was for. The filters are subscribed again after every reconnect, each
 * receiver confirmed once the broker's SUBACK for its filter came. Thread-safe.
 */
final class MqttDriver implements TransportDriver, MqttCallbackExtended {

    private static final Logger LOG = LoggerFactory.getLogger(MqttDriver.class);

    /** How the client connects and delivers; the password is never shown. */
    record Settings(String url, String clientId, int qos, String username, char[] password, int maxInFlight,
                    int deliveryBuffer, Duration connectTimeout, Duration keepAlive, Duration maxReconnectDelay) {
    }

    private final Settings settings;
    private final String name;
    private final MqttAsyncClient client;
    private final Delivery delivery;
    /** The subscriptions of each filter; guarded by {@code this}. */
    private final Map<String, Filter> filters = new HashMap<>();
    /** Counts connections, so that the SUBACK of a lost one confirms nothing; guarded by {@code this}. */
    private long connection;
    private volatile boolean closed;

    /**
     * Connects to the broker, waiting up to the connect timeout.
     *
     * @throws RemoteUnavailableException when the broker cannot be reached or refuses the connection
     */
    MqttDriver(Settings settings) {
        this.settings = settings;
        this.name = "mqtt at " + settings.url() + " as " + settings.clientId();
        this.delivery = new Delivery("mape-mqtt-" + settings.clientId(), settings.deliveryBuffer());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(Math.toIntExact(settings.maxReconnectDelay().toMillis()));
        options.setConnectionTimeout(Math.toIntExact(settings.connectTimeout().toSeconds()));
        options.setKeepAliveInterval(Math.toIntExact(settings.keepAlive().toSeconds()));
        options.setMaxInflight(settings.maxInFlight());
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().clone());
        }
        try {
            client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            delivery.stop();
            throw new IllegalArgumentException("cannot make an MQTT client for " + settings.url() + ": "
                    + e.getMessage(), e);
        }
        client.setCallback(this);
        try {
            client.connect(options).waitForCompletion(settings.connectTimeout().toMillis());
        } catch (MqttException e) {
            shutDown();
            throw new RemoteUnavailableException("cannot connect to the MQTT broker at " + settings.url() + ": "
                    + e.getMessage(), e);
        }
        if (!client.isConnected()) {
            shutDown();
            throw new RemoteUnavailableException("cannot connect to the MQTT broker at " + settings.url()
                    + " within " + settings.connectTimeout(), null);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isConnected() {
        return !closed && client.isConnected();
    }

    /** Paho's in-flight bound: a send beyond it, whichever sink it is of, answers RETRY at once. */
    @Override
    public int maxInFlight() {
        return settings.maxInFlight();
    }

    /** An MQTT topic name only ({@link Topics#checkName}). */
    @Override
    public void checkChannel(String channel) {
        Topics.checkName(channel);
    }

    /** A pattern some MQTT topic name matches ({@link Topics#filter}). */
    @Override
    public void checkPattern(String pattern) {
        Topics.filter(pattern);
    }

    @Override
    public void send(String channel, byte[] body, SendCallback done) {
        if (!isConnected()) {
            done.done(SendResult.RETRY, null);
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        try {
            client.publish(channel, body, settings.qos(), false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (answered.compareAndSet(false, true)) {
                        done.done(SendResult.SENT, null);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    if (answered.compareAndSet(false, true)) {
                        done.done(SendResult.FAILED, e);
                    }
                }
            });
        } catch (MqttException e) {
            if (answered.compareAndSet(false, true)) {
                done.done(notWritten(e) ? SendResult.RETRY : SendResult.FAILED, e);
            }
        }
    }

    /** Whether Paho refused the publish before taking it: it may be tried again, with no duplicate. */
    private static boolean notWritten(MqttException e) {
        return switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_CLIENT_NOT_CONNECTED, MqttException.REASON_CODE_MAX_INFLIGHT,
                 MqttException.REASON_CODE_CLIENT_DISCONNECTING, MqttException.REASON_CODE_CONNECT_IN_PROGRESS -> true;
            default -> false;
        };
    }

    @Override
    public Subscription subscribe(String pattern, Receiver receiver) {
        Registration r = new Registration(Topics.filter(pattern), ChannelPattern.of(pattern), receiver);
        boolean confirmedAlready;
        boolean first;
        long current;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(name + " is closed");
            }
            Filter f = filters.computeIfAbsent(r.filter, k -> new Filter());
            f.registrations.add(r);
            first = f.registrations.size() == 1;
            confirmedAlready = f.acked;
            current = connection;
        }
        if (confirmedAlready) {
            receiver.confirmed();
        } else if (first) {
            subscribeOnBroker(r.filter, current);
        }
        return r;
    }

    /** Subscribes {@code filter} on the broker; its SUBACK on connection {@code number} confirms its receivers. */
    private void subscribeOnBroker(String filter, long number) {
        if (!isConnected()) {
            return;
        }
        try {
            client.subscribe(filter, settings.qos(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    if (granted != null && granted.length > 0 && granted[0] == 0x80) {
                        LOG.warn("{}: the broker refused the subscription to '{}' (SUBACK 0x80); its sources hear "
                                + "nothing", name, filter);
                        return;
                    }
                    confirm(filter, number);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.debug("{}: subscribing to '{}' failed: {}; subscribed again on reconnect", name, filter,
                            e == null ? "failed" : e.getMessage());
                }
            });
        } catch (MqttException e) {
            LOG.debug("{}: subscribing to '{}' failed: {}; subscribed again on reconnect", name, filter,
                    e.getMessage());
        }
    }

    private void confirm(String filter, long number) {
        List<Registration> confirmed;
        synchronized (this) {
            Filter f = filters.get(filter);
            if (f == null || number != connection || closed) {
                return;
            }
            f.acked = true;
            confirmed = List.copyOf(f.registrations);
        }
        confirmed.forEach(r -> r.receiver.confirmed());
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        if (!reconnect) {
            return;
        }
        LOG.info("{}: reconnected; subscribing again", name);
        List<String> all;
        long number;
        synchronized (this) {
            number = ++connection;
            all = new ArrayList<>(filters.keySet());
        }
        all.forEach(f -> subscribeOnBroker(f, number));
    }

    @Override
    public void connectionLost(Throwable cause) {
        List<Registration> all = new ArrayList<>();
        synchronized (this) {
            connection++;
            filters.values().forEach(f -> {
                f.acked = false;
                all.addAll(f.registrations);
            });
        }
        LOG.warn("{}: lost the connection to the broker ({}); reconnecting", name,
                cause == null ? "closed" : cause.getMessage());
        all.forEach(r -> r.receiver.lost());
    }

    /**
     * On Paho's callback thread: queues the message for the delivery thread, or counts it as missed by each
     * receiver it was for (from this thread: {@link Receiver#missed} may come while the delivery thread is in
     * {@link Receiver#message}).
     */
    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (!delivery.offer(new Arrival(topic, message.getPayload())) && !closed) {
            missed(matching(topic), topic, settings.deliveryBuffer() + " received messages wait for delivery "
                    + "already: a subscriber is too slow (give its element a Scheduler)");
        }
    }

    private static void missed(List<Registration> receivers, String topic, String why) {
        for (Registration r : receivers) {
            r.receiver.missed(topic, 1, why);
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }

    /** A message that arrived, for the delivery thread. */
    private final class Arrival implements Runnable {
        final String topic;
        final byte[] body;

        Arrival(String topic, byte[] body) {
            this.topic = topic;
            this.body = body;
        }

        @Override
        public void run() {
            for (Registration r : matching(topic)) {
                if (closed) {
                    return;
                }
                r.deliver(topic, body);
            }
        }
    }

    private synchronized List<Registration> matching(String topic) {
        List<Registration> out = new ArrayList<>();
        for (Filter f : filters.values()) {
            for (Registration r : f.registrations) {
                if (r.pattern.matches(topic)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /**
     * Disconnects, stops the delivery thread (what waits in it is not delivered: counted as missed by the receivers
     * it was for), then tells every receiver it is closed. Idempotent.
     */
    @Override
    public void close() {
        List<Registration> all = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            filters.values().forEach(f -> all.addAll(f.registrations));
            filters.clear();
        }
        for (Runnable left : shutDown()) {
            Arrival a = (Arrival) left;
            missed(all.stream().filter(r -> r.pattern.matches(a.topic)).toList(), a.topic,
                    "the transport closed before it was delivered");
        }
        all.forEach(Registration::closed);
    }

    /** Ends the client and the delivery thread; returns the arrivals it did not deliver. */
    private List<Runnable> shutDown() {
        try {
            if (client.isConnected()) {
                disconnect();
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("{}: closing the client: {}", name, e.getMessage());
        }
        List<Runnable> left = delivery.stop();
        try {
            if (!delivery.awaitStopped(10)) {
                LOG.warn("{}: a receiver did not return within 10 s of the close", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return left;
    }

    /** Says goodbye to the broker (the sinks drained before), or cuts the connection when it does not answer. */
    private void disconnect() throws MqttException {
        try {
            client.disconnect(0).waitForCompletion(1000);
        } catch (MqttException e) {
            client.disconnectForcibly(0, 0, false);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** The subscriptions sharing one MQTT filter. */
    private static final class Filter {
        final List<Registration> registrations = new CopyOnWriteArrayList<>();
        /** The broker acknowledged the filter on the current connection. */
        boolean acked;
    }

    /** One pattern subscription. */
    private final class Registration implements Subscription {
        final String filter;
        final ChannelPattern pattern;
        final Receiver receiver;
        /** Guarded by this registration: a delivery and its cancelling or closing never overlap. */
        private boolean done;

        Registration(String filter, ChannelPattern pattern, Receiver receiver) {
            this.filter = filter;
            this.pattern = pattern;
            this.receiver = receiver;
        }

        synchronized void deliver(String topic, byte[] body) {
            if (done) {
                return;
            }
            try {
                receiver.message(topic, body, () -> { });
            } catch (RuntimeException e) {
                LOG.warn("{}: a receiver of '{}' failed on a message of '{}'; it goes on", name, pattern, topic, e);
            }
        }

        /** After the last message: the receiver hears it is closed, once. */
        synchronized void closed() {
            if (!done) {
                done = true;
                receiver.closed();
            }
        }

        @Override
        public void cancel() {
            boolean last = false;
            synchronized (MqttDriver.this) {
                Filter f = filters.get(filter);
                if (f != null && f.registrations.remove(this) && f.registrations.isEmpty()) {
                    filters.remove(filter);
                    last = true;
                }
            }
            synchronized (this) {
                done = true;
            }
            if (last && isConnected()) {
                try {
                    client.unsubscribe(filter);
                } catch (MqttException e) {
                    LOG.debug("{}: unsubscribing from '{}' failed: {}", name, filter, e.getMessage());
                }
            }
        }
    }
}
