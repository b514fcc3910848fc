package io.mape.leader;

/**
 * One state of a {@link Leadership}.
 *
 * @param leading      whether this process leads now
 * @param fencingToken the token of its term while leading (higher than every earlier term's), 0 when not
 * @param owner        this candidate's owner token
 */
public record LeaderState(boolean leading, long fencingToken, String owner) {
}
