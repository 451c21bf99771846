package io.onramp.exoscale;

import java.time.Duration;

/** How the client waits (between retries and operation polls); tests inject one that does not really sleep. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
