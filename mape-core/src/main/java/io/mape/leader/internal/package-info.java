/** Implementation of leader election. Not API: it may change without notice. */
package io.mape.leader.internal;
