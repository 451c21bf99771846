package io.onramp.exoscale;

import io.onramp.core.error.OnrampException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What {@code POST /instance} needs. Checked on construction against the API schema (name 1..255, disk 10..51200
 * GiB, user-data base64 of at most 32768 characters, public IP assignment {@code inet4|dual|none}), so mistakes show
 * up as BAD_USER_INPUT before any call. {@link #toString()} leaves out the user-data, which may carry tokens.
 *
 * @param userDataBase64 cloud-init user-data, already base64-encoded (see {@link Builder#userData(String)})
 */
public record CreateInstanceRequest(
        String name,
        String instanceTypeId,
        String templateId,
        long diskSizeGiB,
        List<String> sshKeyNames,
        List<String> securityGroupIds,
        String userDataBase64,
        Map<String, String> labels,
        String publicIpAssignment) {

    public static final int MIN_DISK_GIB = 10;
    public static final int MAX_DISK_GIB = 51200;
    public static final int MAX_USER_DATA = 32768;
    static final List<String> IP_ASSIGNMENTS = List.of("inet4", "dual", "none");

    public CreateInstanceRequest {
        if (name == null || name.isBlank() || name.length() > 255) {
            throw OnrampException.badInput("The instance name must have 1 to 255 characters");
        }
        if (instanceTypeId == null || instanceTypeId.isBlank()) {
            throw OnrampException.badInput("An instance type is required");
        }
        if (templateId == null || templateId.isBlank()) {
            throw OnrampException.badInput("A template is required");
        }
        if (diskSizeGiB < MIN_DISK_GIB || diskSizeGiB > MAX_DISK_GIB) {
            throw OnrampException.badInput("The disk size must be between " + MIN_DISK_GIB + " and " + MAX_DISK_GIB
                    + " GiB, not " + diskSizeGiB);
        }
        if (userDataBase64 != null && (userDataBase64.isEmpty() || userDataBase64.length() > MAX_USER_DATA)) {
            throw OnrampException.badInput("The user-data must be 1 to " + MAX_USER_DATA
                    + " characters once base64-encoded, not " + userDataBase64.length());
        }
        publicIpAssignment = publicIpAssignment == null ? "inet4" : publicIpAssignment;
        if (!IP_ASSIGNMENTS.contains(publicIpAssignment)) {
            throw OnrampException.badInput("The public IP assignment must be one of " + IP_ASSIGNMENTS);
        }
        sshKeyNames = sshKeyNames == null ? List.of() : List.copyOf(new LinkedHashSet<>(sshKeyNames));
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(securityGroupIds));
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy with one more label (replacing a label of the same key). */
    public CreateInstanceRequest withLabel(String key, String value) {
        Map<String, String> l = new LinkedHashMap<>(labels);
        l.put(key, value);
        return new CreateInstanceRequest(name, instanceTypeId, templateId, diskSizeGiB, sshKeyNames, securityGroupIds,
                userDataBase64, l, publicIpAssignment);
    }

    /** The JSON body, in a stable field order. */
    Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("instance-type", Map.of("id", instanceTypeId));
        body.put("template", Map.of("id", templateId));
        body.put("disk-size", diskSizeGiB);
        if (!sshKeyNames.isEmpty()) {
            List<Map<String, String>> keys = new ArrayList<>();
            sshKeyNames.forEach(k -> keys.add(Map.of("name", k)));
            body.put("ssh-keys", keys);
        }
        if (!securityGroupIds.isEmpty()) {
            List<Map<String, String>> groups = new ArrayList<>();
            securityGroupIds.forEach(g -> groups.add(Map.of("id", g)));
            body.put("security-groups", groups);
        }
        if (userDataBase64 != null) {
            body.put("user-data", userDataBase64);
        }
        if (!labels.isEmpty()) {
            body.put("labels", labels);
        }
        body.put("public-ip-assignment", publicIpAssignment);
        return body;
    }

    @Override
    public String toString() {
        return "CreateInstanceRequest[name=" + name + ", instanceTypeId=" + instanceTypeId + ", templateId="
                + templateId + ", diskSizeGiB=" + diskSizeGiB + ", sshKeyNames=" + sshKeyNames
                + ", securityGroupIds=" + securityGroupIds + ", userData="
                + (userDataBase64 == null ? "none" : userDataBase64.length() + " chars") + ", labels=" + labels
                + ", publicIpAssignment=" + publicIpAssignment + "]";
    }

    /** Builder; {@code name}, instance type, template and disk size are required. */
    public static final class Builder {
        private String name;
        private String instanceTypeId;
        private String templateId;
        private long diskSizeGiB = 50;
        private final List<String> sshKeyNames = new ArrayList<>();
        private final List<String> securityGroupIds = new ArrayList<>();
        private String userDataBase64;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String publicIpAssignment = "inet4";

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder instanceType(InstanceType type) {
            return instanceTypeId(type.id());
        }

        public Builder instanceTypeId(String id) {
            this.instanceTypeId = id;
            return this;
        }

        public Builder template(Template template) {
            return templateId(template.id());
        }

        public Builder templateId(String id) {
            this.templateId = id;
            return this;
        }

        /** Disk size in GiB (10..51200; default 50 like the CLI). */
        public Builder diskSizeGiB(long gib) {
            this.diskSizeGiB = gib;
            return this;
        }

        public Builder sshKey(String name) {
            sshKeyNames.add(name);
            return this;
        }

        public Builder securityGroupId(String id) {
            securityGroupIds.add(id);
            return this;
        }

        /** Raw cloud-init user-data; it is base64-encoded here. */
        public Builder userData(String cloudInit) {
            this.userDataBase64 = cloudInit == null ? null
                    : Base64.getEncoder().encodeToString(cloudInit.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** User-data already base64-encoded (e.g. gzipped first). */
        public Builder userDataBase64(String base64) {
            this.userDataBase64 = base64;
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public Builder labels(Map<String, String> more) {
            labels.putAll(more);
            return this;
        }

        /** {@code inet4} (default), {@code dual} or {@code none}. */
        public Builder publicIpAssignment(String assignment) {
            this.publicIpAssignment = assignment;
            return this;
        }

        public CreateInstanceRequest build() {
            return new CreateInstanceRequest(name, instanceTypeId, templateId, diskSizeGiB, sshKeyNames,
                    securityGroupIds, userDataBase64, labels, publicIpAssignment);
        }
    }
}
