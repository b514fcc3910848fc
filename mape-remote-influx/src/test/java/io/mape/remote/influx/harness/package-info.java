/**
 * The test harness: real servers that take the InfluxDB 2 write protocol, started for the test run and handed to
 * the tests by {@link io.mape.remote.influx.harness.InfluxServers}, and a loopback proxy to take one down.
 */
package io.mape.remote.influx.harness;
