package io.onramp.exoscale;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.List;

/** An instance template (disk image). Template ids are per zone and change when Exoscale refreshes an image. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Template(
        String id,
        String name,
        String family,
        String version,
        String build,
        @JsonProperty("default-user") String defaultUser,
        @JsonProperty("boot-mode") String bootMode,
        String visibility,
        @JsonProperty("created-at") @JsonDeserialize(using = LenientInstantDeserializer.class) Instant createdAt,
        Long size,
        List<String> zones) {

    public Template {
        zones = zones == null ? List.of() : List.copyOf(zones);
    }
}
