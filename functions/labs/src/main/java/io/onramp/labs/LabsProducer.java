package io.onramp.labs;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CDI wiring (singletons: the classes are final, so no client proxies) for a Quarkus app that includes this module: the catalog (also the {@code LabContent} port, replacing
 * core's {@code NoLabContent}) and the {@link LabService}.
 *
 * <ul>
 * <li>{@code onramp.labs.dir}: the labs folder; unset = {@link LabCatalog#defaultDirectory()}.</li>
 * <li>{@code onramp.labs.access-evaluation}: {@link AccessEvaluation}, default AUTO.</li>
 * </ul>
 */
@ApplicationScoped
public class LabsProducer {

    @Produces
    @Singleton
    LabCatalog catalog(@ConfigProperty(name = "onramp.labs.dir") Optional<String> dir) {
        LabCatalog catalog = dir.filter(d -> !d.isBlank()).map(d -> LabCatalog.load(Path.of(d)))
                .orElseGet(LabCatalog::loadDefault);
        catalog.problems().forEach(p -> System.getLogger(LabsProducer.class.getName())
                .log(System.Logger.Level.WARNING, "lab rejected: " + p));
        return catalog;
    }

    @Produces
    @Singleton
    LabService labService(LabCatalog catalog,
            @ConfigProperty(name = "onramp.labs.access-evaluation", defaultValue = "AUTO") AccessEvaluation access) {
        return new LabService(catalog, new Grader(access));
    }
}
