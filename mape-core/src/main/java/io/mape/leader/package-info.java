/**
 * Leader election, for the one master of master/slave and the one planner per region of regional planning.
 * {@link io.mape.leader.Leadership} campaigns for a named lease in a {@link io.mape.leader.spi.LeaseStore}
 * (in memory: {@link io.mape.leader.InMemoryLeaseStore}; Redis: {@code io.mape.remote.redis.RedisLeaseStore}),
 * renews it while it holds it, and gives each term a fencing token higher than every earlier term's.
 * {@link io.mape.leader.LeaderOps} makes a stream act only while this process leads, stamps plans with the term's
 * token ({@link io.mape.leader.Fenced}) and lets an Execute refuse plans stamped by a stale leader.
 */
package io.mape.leader;
