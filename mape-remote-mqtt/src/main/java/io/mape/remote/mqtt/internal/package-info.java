/** Not API: topic names and filters, the delivery thread. */
package io.mape.remote.mqtt.internal;
