/** Implementation of the test kit; not API, may change without notice. */
package io.mape.test.internal;
