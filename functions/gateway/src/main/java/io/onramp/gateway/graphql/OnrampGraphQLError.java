package io.onramp.gateway.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import io.onramp.core.error.ErrorCode;

/** A GraphQL error in Onramp's shape: message, locations, path and {@code extensions.code}, nothing else. */
final class OnrampGraphQLError implements GraphQLError {

    private final String message;
    private final List<SourceLocation> locations;
    private final List<Object> path;
    private final ErrorCode code;

    OnrampGraphQLError(String message, List<SourceLocation> locations, List<Object> path, ErrorCode code) {
        this.message = message;
        this.locations = locations;
        this.path = path;
        this.code = code;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorClassification.errorClassification(code.name());
    }

    @Override
    public Map<String, Object> getExtensions() {
        return Map.of("code", code.name());
    }

    @Override
    public Map<String, Object> toSpecification() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("message", message);
        if (locations != null && !locations.isEmpty()) {
            spec.put("locations", locations.stream()
                    .map(l -> Map.of("line", l.getLine(), "column", l.getColumn()))
                    .toList());
        }
        if (path != null) {
            spec.put("path", path);
        }
        spec.put("extensions", getExtensions());
        return spec;
    }
}
