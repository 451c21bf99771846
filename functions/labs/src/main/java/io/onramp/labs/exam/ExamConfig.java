package io.onramp.labs.exam;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Exam mode settings ({@code onramp.labs.exam.*}, e.g. {@code ONRAMP_LABS_EXAM_PASS_PERCENT}). Outside Quarkus, build
 * one with {@link #of(int, int, int, int)}.
 */
@ConfigMapping(prefix = "onramp.labs.exam")
public interface ExamConfig {

    /** The shortest exam a developer may start. */
    @WithDefault("5")
    int minMinutes();

    /** The longest exam a developer may start (CKAD: 120). */
    @WithDefault("240")
    int maxMinutes();

    /** The share of the points needed to pass, in percent (CKAD: 66). */
    @WithDefault("66")
    int passPercent();

    /** How many labs one exam may combine. */
    @WithDefault("10")
    int maxLabs();

    static ExamConfig of(int minMinutes, int maxMinutes, int passPercent, int maxLabs) {
        record Fixed(int minMinutes, int maxMinutes, int passPercent, int maxLabs) implements ExamConfig {
        }
        return new Fixed(minMinutes, maxMinutes, passPercent, maxLabs);
    }

    static ExamConfig defaults() {
        return of(5, 240, 66, 10);
    }
}
