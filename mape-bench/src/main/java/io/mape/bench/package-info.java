/** JMH benchmarks of mape-java, each beside its bare baseline in the same run. */
package io.mape.bench;
