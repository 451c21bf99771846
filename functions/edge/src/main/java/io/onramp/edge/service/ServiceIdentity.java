package io.onramp.edge.service;

/** A verified service identity: the {@code sub} of a service token, e.g. {@code system:serviceaccount:onramp:onramp-gateway}. */
public record ServiceIdentity(String subject) {
}
