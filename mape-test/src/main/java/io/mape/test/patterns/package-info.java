/**
 * Conformance suites for the five decentralized patterns of Weyns et al. (see {@code docs/patterns.md}): abstract
 * JUnit 5 classes a user extends with one method that builds the system on a {@link io.mape.test.TestApp}'s clock
 * and says where its parts are. Each test builds a fresh system, drives it on virtual time and checks a property of
 * the pattern from the elements' counters ({@link io.mape.ElementStats}), so the system is tested as it is, with no
 * element of its replaced.
 */
package io.mape.test.patterns;
