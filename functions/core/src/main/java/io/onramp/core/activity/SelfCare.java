package io.onramp.core.activity;

/** Names shared by the self-care duties: the event kinds their owners see and how the audit log names them. */
public final class SelfCare {

    /** The {@code source} of the workspace events the duties write. */
    public static final String SOURCE = "onramp";
    /** A running workspace was paused because nobody used it. */
    public static final String IDLE_PAUSED = "IDLE_PAUSED";
    /** A paused workspace will be deleted unless its owner resumes it. */
    public static final String EXPIRY_WARNING = "EXPIRY_WARNING";
    /** A workspace paused for too long was deleted. */
    public static final String EXPIRED = "EXPIRED";

    private SelfCare() {
    }

    /** The audit log's actor for what a duty did: {@code system:<duty>}. */
    public static String actor(String duty) {
        return "system:" + duty;
    }
}
