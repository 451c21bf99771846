package io.onramp.coder;

/** What the receiver did with a notification; the body of its 2xx answer. */
public record HookOutcome(String msgId, String kind, String action, String workspaceId, boolean duplicate) {
}
