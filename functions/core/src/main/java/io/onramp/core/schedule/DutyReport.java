package io.onramp.core.schedule;

import java.util.List;

/** What one run of a {@link Duty} looked at and did; {@code notes} are short, secret-free lines for logs and callers. */
public record DutyReport(String duty, int examined, int acted, List<String> notes) {

    public DutyReport {
        notes = List.copyOf(notes);
    }

    public static DutyReport nothing(String duty) {
        return new DutyReport(duty, 0, 0, List.of());
    }
}
