/**
 * MQTT as a transport ({@link io.mape.remote.mqtt.MqttTransport}) and its config section
 * ({@link io.mape.remote.mqtt.MqttConfig}).
 */
package io.mape.remote.mqtt;
