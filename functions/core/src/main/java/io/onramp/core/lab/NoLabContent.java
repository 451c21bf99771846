package io.onramp.core.lab;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** Used when no labs function is part of this process: every lab is unknown. */
@DefaultBean
@ApplicationScoped
public class NoLabContent implements LabContent {

    @Override
    public Optional<Map<String, String>> workspaceFiles(String labId) {
        return Optional.empty();
    }
}
