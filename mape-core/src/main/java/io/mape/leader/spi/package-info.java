/** The extension point for leases: a {@link io.mape.leader.spi.LeaseStore} per backend (memory, Redis). */
package io.mape.leader.spi;
