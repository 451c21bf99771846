package io.onramp.labs.exam;

import org.eclipse.microprofile.graphql.Description;

@Description("How an exam was closed: submitted by the developer before the deadline, or at the deadline.")
public enum ClosedBy {
    SUBMITTED,
    DEADLINE
}
