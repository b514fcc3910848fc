/** The coordinated example as separate processes, one per device, over Redis and over REST. */
package io.mape.examples.distributed;
