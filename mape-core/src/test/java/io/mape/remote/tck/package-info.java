/** The transport TCK ({@link io.mape.remote.tck.TransportTck}), shipped in mape-core's test-jar for every transport. */
package io.mape.remote.tck;
