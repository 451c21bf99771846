package io.onramp.core.schedule;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/** {@code onramp.duties.in-process} and per duty {@code onramp.duties."<name>".enabled|interval}. */
@ConfigMapping(prefix = "onramp.duties")
public interface DutiesConfig {

    /** Run the duties of the served groups on a timer in this process (off in a cluster, where PingSources run them). */
    @WithDefault("true")
    boolean inProcess();

    @WithParentName
    Map<String, DutySettings> duty();

    interface DutySettings {
        Optional<Boolean> enabled();

        Optional<Duration> interval();
    }
}
