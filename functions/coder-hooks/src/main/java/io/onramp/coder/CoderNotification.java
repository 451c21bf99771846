package io.onramp.coder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.onramp.core.error.OnrampException;

/**
 * A Coder notification webhook body ({@code _version} 1.0 or 1.1 outside, 1.0-1.2 inside), read defensively.
 * {@code recipient} is who Coder notified, not necessarily the workspace owner.
 */
public record CoderNotification(UUID msgId, String version, CoderEventKind kind, String notificationName,
        String templateId, String recipient, Map<String, String> labels, List<String> targets, String title) {

    public static CoderNotification parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw OnrampException.badInput("A Coder notification is a JSON object.");
        }
        String version = text(body, "_version");
        if (version == null || !(version.startsWith("1."))) {
            throw OnrampException.badInput("Unsupported notification _version '" + version + "'; expected 1.x.");
        }
        UUID msgId;
        try {
            msgId = UUID.fromString(text(body, "msg_id"));
        } catch (RuntimeException e) {
            throw OnrampException.badInput("msg_id must be a UUID.");
        }
        JsonNode payload = body.get("payload");
        if (payload == null || !payload.isObject()) {
            throw OnrampException.badInput("The notification has no payload object.");
        }
        Map<String, String> labels = new HashMap<>();
        JsonNode labelNode = payload.get("labels");
        if (labelNode != null && labelNode.isObject()) {
            labelNode.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode()) {
                    labels.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        List<String> targets = new ArrayList<>();
        JsonNode targetNode = payload.get("targets");
        if (targetNode != null && targetNode.isArray()) {
            targetNode.forEach(t -> {
                if (t.isTextual()) {
                    targets.add(t.asText());
                }
            });
        }
        String name = text(payload, "notification_name");
        String templateId = text(payload, "notification_template_id");
        return new CoderNotification(msgId, version, CoderEventKind.of(templateId, name), name, templateId,
                text(payload, "user_username"), Map.copyOf(labels), List.copyOf(targets), text(body, "title"));
    }

    /** Coder's workspace id: the first target (Coder passes [workspace, owner, template, organization]). */
    public String coderWorkspaceId() {
        if (targets.isEmpty()) {
            return null;
        }
        String first = targets.get(0);
        return first == null || first.equals("00000000-0000-0000-0000-000000000000") ? null : first;
    }

    /** The workspace owner when the labels name one; never the recipient. */
    public String owner() {
        String owner = labels.get("workspace_owner_username");
        return owner == null || owner.isBlank() ? null : owner.toLowerCase();
    }

    public String workspaceName() {
        String name = labels.get("workspace");
        return name != null ? name : labels.get("name");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }
}
