/** What every remote module (Redis, REST, InfluxDB, …) shares: its exceptions and the transport API. */
package io.mape.remote;
