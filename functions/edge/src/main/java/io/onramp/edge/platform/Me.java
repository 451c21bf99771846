package io.onramp.edge.platform;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.core.auth.Role;

/** The authenticated caller as Onramp sees it. */
@Description("The authenticated caller as Onramp sees it.")
public record Me(@NonNull String username, @NonNull List<@NonNull Role> roles) {
}
