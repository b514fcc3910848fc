/** Unit tests of the implementation: how items become lines of line protocol. */
package io.mape.remote.influx.internal;
