/**
 * Testing one's own loops with JUnit 5: {@link io.mape.test.TestApp} (an App on virtual time), injected and closed by
 * {@link io.mape.test.MapeExtension}; {@link io.mape.test.Probe}s on an element's ports, asserted in the style of
 * RxJava's {@code TestObserver}; scripted sensors ({@link io.mape.test.Script}) and
 * {@link io.mape.test.RecordingEffector}s. The decentralized patterns' conformance suites are in
 * {@code io.mape.test.patterns}.
 */
package io.mape.test;
