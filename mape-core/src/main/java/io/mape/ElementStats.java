package io.mape;

/**
 * A snapshot of an element's counters since it was created.
 *
 * @param itemsIn      items that reached port in, {@link CallMethod}s included
 * @param itemsOut     items emitted through port out
 * @param dropped      items that reached port in while the element was stopped
 * @param errors       exceptions thrown by user code (function, operators, callable methods) or received on port in
 * @param refusedCalls {@link CallMethod}s refused: no such callable method, or arguments that do not fit
 */
public record ElementStats(long itemsIn, long itemsOut, long dropped, long errors, long refusedCalls) {
}
