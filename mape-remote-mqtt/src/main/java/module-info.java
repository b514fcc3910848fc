/**
 * mape-remote-mqtt: loops talking over an MQTT broker, with Eclipse Paho. {@code io.mape.remote.mqtt.internal} is
 * not API and not exported.
 */
module io.mape.remote.mqtt {
    requires transitive io.mape.core;
    requires org.eclipse.paho.client.mqttv3;
    requires org.slf4j;

    exports io.mape.remote.mqtt;

    provides io.mape.config.spi.ConfigSection with io.mape.remote.mqtt.MqttConfig;
}
