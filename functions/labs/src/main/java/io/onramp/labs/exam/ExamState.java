package io.onramp.labs.exam;

import org.eclipse.microprofile.graphql.Description;

@Description("OPEN until submitted or past its deadline and graded; then CLOSED with a report.")
public enum ExamState {
    OPEN,
    CLOSED
}
