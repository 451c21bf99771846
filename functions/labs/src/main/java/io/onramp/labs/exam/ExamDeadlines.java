package io.onramp.labs.exam;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.schedule.Duty;
import io.onramp.core.schedule.DutyReport;

/**
 * {@code labs.exam-deadlines}: closes and grades the exams whose deadline has passed (every 15 s by default;
 * {@code onramp.duties."labs.exam-deadlines".interval}). Safe on several replicas: each exam is claimed with a row
 * lock that others skip.
 */
@ApplicationScoped
public class ExamDeadlines implements Duty {

    public static final String NAME = "labs.exam-deadlines";
    /** Exams graded per run at most; the rest wait for the next run. */
    static final int MAX_PER_RUN = 50;

    private final ExamService exams;

    public ExamDeadlines(ExamService exams) {
        this.exams = exams;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionGroup group() {
        return FunctionGroup.LABS;
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofSeconds(15);
    }

    @Override
    public DutyReport run(Instant now) {
        ExamService.Sweep sweep = exams.closeExpired(now, MAX_PER_RUN);
        return new DutyReport(NAME, sweep.examined(), sweep.closed(), sweep.notes());
    }
}
