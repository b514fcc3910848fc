/**
 * Safe Execute: operators that stand between a plan and its effector, applied with {@code .compose(...)} or as an
 * element's {@code opsIn}/{@code opsOut}. {@link io.mape.safety.Guards} veto plans by named checks,
 * {@link io.mape.safety.Throttle} limits the rate of actions and keeps a cooldown per effector,
 * {@link io.mape.safety.Stabilizer} acts on a change only after a stabilization window and above a tolerance (with
 * separate settings up and down, as Kubernetes' HPA does), {@link io.mape.safety.DryRun} turns an Execute into a
 * shadow that reports what it would do, switched at run time by a {@link io.mape.safety.Switch}, and
 * {@link io.mape.safety.Watchdog} emits the user's safe default when a source falls silent, and
 * {@link io.mape.safety.Dedupe} lets an id through at most once per window, recorded in a (shared) Knowledge.
 *
 * <p>Every operator is a {@link io.mape.safety.SafetyOperator}: one {@link io.mape.safety.SafetyStats} shape, and
 * every item it holds back is a {@link io.mape.safety.Veto} (item, who held it, why) on {@code vetoes()}, which a
 * user can link to a log or to another element. Operators keep their state per operator object, shared by every
 * stream they are applied to, and are thread-safe.
 */
package io.mape.safety;
