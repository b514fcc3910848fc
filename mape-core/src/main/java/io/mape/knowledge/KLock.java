package io.mape.knowledge;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A lock with a lease, shared by every process of the Knowledge: a Redis string key set with NX and PX to this
 * handle's random owner token. While held, {@link Knowledge#contains} of its name is true.
 *
 * <ul>
 *   <li><b>Owner.</b> The owner is this handle, not a thread: any thread using the handle may unlock it, and the
 *   handles that {@link Knowledge#lock} returns for the same name exclude each other.</li>
 *   <li><b>Not re-entrant.</b> A handle that holds the lock and asks again gets {@code false} (or, with a wait, waits
 *   for its own lease to end).</li>
 *   <li><b>Lease.</b> Every acquisition names a lease; when it ends the lock frees itself, so a holder that died
 *   (a crashed process, a lost handle) never keeps it. A holder whose work may outlast the lease calls
 *   {@link #extend}; after the lease ended, {@link #unlock} and {@link #extend} return {@code false}.</li>
 *   <li><b>Fairness.</b> In-memory, waiters are served first come, first served; a remote backend may poll.</li>
 * </ul>
 *
 * Thread-safe.
 */
public interface KLock {

    /** The name relative to the scope. */
    String name();

    /** The full key. */
    String key();

    /** Takes the lock for {@code lease} if it is free, without waiting; whether it was taken. Events {@code set}, {@code expire}. */
    boolean tryLock(Duration lease);

    /**
     * Takes the lock for {@code lease}, waiting up to {@code wait} for it to be free; whether it was taken. Blocks;
     * an interrupt ends the wait with a {@link KnowledgeException} and the interrupt flag set.
     */
    boolean tryLock(Duration wait, Duration lease);

    /** Frees the lock if this handle holds it (compare and delete); whether it did. Event {@code del}. */
    boolean unlock();

    /** Sets the remaining lease to {@code lease} if this handle holds the lock; whether it does. Event {@code expire}. */
    boolean extend(Duration lease);

    /** Whether anyone holds the lock. */
    boolean isLocked();

    /** Whether this handle holds the lock. */
    boolean isHeld();

    /** Async {@link #tryLock(Duration)}. */
    CompletionStage<Boolean> tryLockAsync(Duration lease);

    /** Async {@link #tryLock(Duration, Duration)}, holding no thread while it waits. */
    CompletionStage<Boolean> tryLockAsync(Duration wait, Duration lease);

    /** Async {@link #unlock}. */
    CompletionStage<Boolean> unlockAsync();

    /** Async {@link #extend}. */
    CompletionStage<Boolean> extendAsync(Duration lease);

    /** Async {@link #isLocked}. */
    CompletionStage<Boolean> isLockedAsync();

    /** Async {@link #isHeld}. */
    CompletionStage<Boolean> isHeldAsync();
}
