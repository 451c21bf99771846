package io.onramp.vms;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditedAccess;
import io.onramp.core.audit.Outcome;
import io.onramp.core.auth.AccessPolicy;
import io.onramp.core.auth.Caller;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.lab.LabContent;
import io.onramp.core.workspace.CreateResult;
import io.onramp.core.workspace.IdempotencyKeys;
import io.onramp.core.workspace.NewWorkspace;
import io.onramp.core.workspace.WorkspaceCreator;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.Workspaces;
import io.onramp.exoscale.ExoscaleClient;
import io.onramp.exoscale.ExoscaleEndpoint;
import io.onramp.exoscale.InstanceType;

/**
 * Creating VM workspaces: checks the input, who may create it, that VMs are configured (Exoscale credentials,
 * password key), the cost caps, and, with one signed {@code GET /instance-type}, that Exoscale accepts the
 * credentials and offers the type in the zone; then records the workspace with a fresh code-server password
 * (encrypted) and returns at once. {@link VmWorkspaceDriver} makes the VM.
 *
 * <p>The credentials are checked synchronously so a misconfigured installation answers the clear UNAVAILABLE
 * error to the caller instead of leaving a workspace that fails later; Exoscale being briefly down also fails the
 * create (UNAVAILABLE, safe to retry with the same idempotency key).
 */
@ApplicationScoped
public class VmWorkspaces implements WorkspaceCreator {

    static final String OPERATION = "createVmWorkspace";
    static final Pattern SSH_KEY_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._-]{0,254}$");
    static final int MAX_OWNER = 200;

    private final Workspaces workspaces;
    private final VmsConfig config;
    private final ExoscaleAccess exoscale;
    private final VmCapacity capacity;
    private final PasswordVault vault;
    private final LabContent labs;
    private final AuditLog audit;

    public VmWorkspaces(Workspaces workspaces, VmsConfig config, ExoscaleAccess exoscale, VmCapacity capacity,
            LabContent labs, AuditLog audit) {
        this.workspaces = workspaces;
        this.config = config;
        this.exoscale = exoscale;
        this.capacity = capacity;
        this.vault = PasswordVault.of(config.passwordKey());
        this.labs = labs;
        this.audit = audit;
    }

    @Override
    public WorkspaceKind kind() {
        return WorkspaceKind.VM;
    }

    @Override
    public CreateResult createDefault(Caller caller, String owner, String lab) {
        CreateVmWorkspaceInput input = new CreateVmWorkspaceInput();
        input.owner = owner;
        input.lab = lab;
        return create(caller, input);
    }

    public CreateResult create(Caller caller, CreateVmWorkspaceInput input) {
        if (input == null) {
            throw OnrampException.badInput("Send the workspace input, e.g. {\"owner\": \"alice\"}.");
        }
        VmsConfigs.require(config);
        String owner = blankToNull(input.owner) == null ? caller.username() : input.owner.trim();
        if (owner == null) {
            throw OnrampException.unauthenticated("Sign in first: send 'Authorization: Bearer <token>'.");
        }
        if (owner.length() > MAX_OWNER || owner.codePoints().anyMatch(Character::isISOControl)) {
            throw OnrampException.badInput("owner must be a user name of at most " + MAX_OWNER
                    + " characters without control characters.");
        }
        String zone = blankToNull(input.zone) == null ? exoscale.defaultZone() : input.zone.trim();
        if (!ExoscaleEndpoint.ZONES.contains(zone)) {
            throw OnrampException.badInput("Unknown Exoscale zone '" + clip(zone) + "'; choose one of "
                    + String.join(", ", ExoscaleEndpoint.ZONES) + ".");
        }
        String type = (blankToNull(input.instanceType) == null ? config.instanceType() : input.instanceType)
                .trim().toLowerCase(Locale.ROOT);
        if (!VmsConfigs.INSTANCE_TYPE.matcher(type).matches() || !allowedTypes().contains(type)) {
            throw OnrampException.badInput("instanceType must be one of " + String.join(", ", allowedTypes())
                    + " (family.size), not '" + clip(type) + "'.");
        }
        int disk = input.diskGb == null ? config.diskGb() : input.diskGb;
        if (disk < config.minDiskGb() || disk > config.maxDiskGb()) {
            throw OnrampException.badInput("diskGb must be between " + config.minDiskGb() + " and "
                    + config.maxDiskGb() + ", not " + disk + ".");
        }
        String lab = blankToNull(input.lab);
        if (lab != null && (!LabUrls.LAB_ID.matcher(lab).matches() || labs.workspaceFiles(lab).isEmpty())) {
            throw OnrampException.badInput("There is no lab '" + clip(lab) + "'; list them with the labs query.");
        }
        String sshKey = blankToNull(input.sshKeyName);
        if (sshKey != null && !SSH_KEY_NAME.matcher(sshKey).matches()) {
            throw OnrampException.badInput("sshKeyName must be the name of an SSH key registered in Exoscale: a "
                    + "letter or digit, then up to 254 letters, digits, '.', '_' or '-'.");
        }
        String key = blankToNull(input.idempotencyKey);

        AuditedAccess.check(audit, caller, OPERATION, owner, () -> AccessPolicy.requireActingFor(caller, owner));
        ExoscaleClient exo = exoscale.client();
        vault.requireUsable();
        if (!capacity.isRepeat(caller.username(), key)) {
            try {
                capacity.checkCreate(owner);
            } catch (OnrampException e) {
                audit.record(caller, OPERATION, owner, Outcome.FAILED, e.getMessage());
                throw e;
            }
        }
        requireOffered(exo, zone, type);

        VmSpec spec = new VmSpec(type, disk, sshKey, config.template(),
                vault.encrypt(CodeServerPasswords.generate(), owner));
        NewWorkspace request = new NewWorkspace(WorkspaceKind.VM, owner, null, null, lab, null, zone, spec.toMap(),
                false);
        String fingerprint = IdempotencyKeys.fingerprint(owner, zone, type, disk, lab, sshKey, config.template());
        return workspaces.create(caller, request, key, fingerprint);
    }

    /** One signed GET: the credentials work and Exoscale offers {@code type} in {@code zone}. */
    private static void requireOffered(ExoscaleClient exo, String zone, String type) {
        InstanceType found;
        try {
            found = exo.findInstanceType(zone, type);
        } catch (OnrampException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw OnrampException.badInput("Exoscale offers no instance type " + type + " in " + zone + ".");
            }
            throw e;
        }
        if (Boolean.FALSE.equals(found.authorized())
                || (!found.zones().isEmpty() && !found.zones().contains(zone))) {
            throw OnrampException.badInput("Instance type " + type + " is not available to this organisation in "
                    + zone + "; choose another zone or type.");
        }
    }

    private java.util.List<String> allowedTypes() {
        return config.allowedInstanceTypes().stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String clip(String value) {
        String v = value.codePoints().anyMatch(Character::isISOControl) ? "(invalid)" : value;
        return v.length() > 60 ? v.substring(0, 60) : v;
    }
}
