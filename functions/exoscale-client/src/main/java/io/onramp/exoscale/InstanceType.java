package io.onramp.exoscale;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A compute instance type ({@code family.size}, e.g. {@code standard.medium}); memory is in bytes. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceType(
        String id,
        String family,
        String size,
        Integer cpus,
        Long memory,
        Integer gpus,
        Boolean authorized,
        List<String> zones) {

    public static final String DEFAULT_FAMILY = "standard";

    public InstanceType {
        zones = zones == null ? List.of() : List.copyOf(zones);
    }

    /** {@code family.size}. */
    public String name() {
        return family + "." + size;
    }
}
