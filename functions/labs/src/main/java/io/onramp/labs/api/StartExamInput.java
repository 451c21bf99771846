package io.onramp.labs.api;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** What an exam is started from (GraphQL input and the {@code startExam} function's body). */
@Input("StartExamInput")
@Description("A timed exam of one or more labs in the caller's running pod workspace. Asking again with the same "
        + "labs and minutes while it is open returns the same exam.")
public class StartExamInput {

    @NonNull
    @Description("The labs whose tasks make up the exam, in order (at most onramp.labs.exam.max-labs).")
    public List<@NonNull String> labIds;

    @NonNull
    @Id
    @Description("The running pod workspace the exam runs in; its namespace is reset.")
    public String workspaceId;

    @Description("Length in minutes (default: the labs' expected durations added up), within the configured range "
            + "(5..240 by default).")
    public Integer minutes;
}
