package io.onramp.vms;

import java.util.LinkedHashMap;
import java.util.Map;

import io.onramp.core.workspace.Workspace;

/** The keys of a VM workspace's {@code spec} map and typed reads of them. */
record VmSpec(String instanceType, int diskGb, String sshKeyName, String template, String passwordCiphertext) {

    static final String INSTANCE_TYPE = "instanceType";
    static final String DISK_GB = "diskGb";
    static final String SSH_KEY_NAME = "sshKeyName";
    static final String TEMPLATE = "template";
    /** AES-GCM ciphertext of the code-server password ({@link PasswordVault}); never the password. */
    static final String PASSWORD_CIPHERTEXT = "passwordCiphertext";

    static VmSpec of(Workspace w) {
        String disk = w.spec(DISK_GB);
        return new VmSpec(w.spec(INSTANCE_TYPE), disk == null ? 0 : Integer.parseInt(disk), w.spec(SSH_KEY_NAME),
                w.spec(TEMPLATE), w.spec(PASSWORD_CIPHERTEXT));
    }

    Map<String, String> toMap() {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put(INSTANCE_TYPE, instanceType);
        spec.put(DISK_GB, Integer.toString(diskGb));
        if (sshKeyName != null) {
            spec.put(SSH_KEY_NAME, sshKeyName);
        }
        spec.put(TEMPLATE, template);
        spec.put(PASSWORD_CIPHERTEXT, passwordCiphertext);
        return spec;
    }

    @Override
    public String toString() {
        return "VmSpec[instanceType=" + instanceType + ", diskGb=" + diskGb + ", sshKeyName=" + sshKeyName
                + ", template=" + template + "]";
    }
}
