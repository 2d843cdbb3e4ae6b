package io.provisioning.plan;

import io.provisioning.salesforce.WritePlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line of a plan: what a change would send to one application ({@code fields} of a create, {@code changes} of an
 * update), or why nothing would be sent ({@code reason}, with {@code code} for a refusal).
 */
public record PlannedStep(
        String application,
        Action action,
        Map<String, Object> fields,
        List<FieldChange> changes,
        String reason,
        String code) {

    /** What the real run would do; {@code INVALID}: the input itself would be refused, nothing would be written. */
    public enum Action {
        CREATE,
        UPSERT,
        UPDATE,
        REACTIVATE,
        DEACTIVATE,
        DELETE,
        SKIP,
        REFUSE,
        INVALID;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A field an update would change: the value last written ({@code from}) and the one it would send. */
    public record FieldChange(String field, Object from, Object to) {}

    /** The step of a {@link WritePlan}; {@code synced} is what the record held before (for the old values). */
    static PlannedStep of(String application, WritePlan plan, Map<String, Object> synced) {
        if (plan.refused()) {
            return new PlannedStep(application, Action.REFUSE, null, null, plan.reason(), plan.refusalCode());
        }
        if (plan.skipped()) {
            return new PlannedStep(application, Action.SKIP, null, null, plan.reason(), null);
        }
        return switch (plan.call()) {
            case CREATE -> new PlannedStep(application, Action.CREATE, plan.body(), null, null, null);
            case UPSERT -> new PlannedStep(application, Action.UPSERT, plan.body(), null, null, null);
            case DELETE -> new PlannedStep(application, Action.DELETE, null, null, plan.recordId(), null);
            case DEACTIVATE_USER -> new PlannedStep(application, Action.DEACTIVATE, null, null, plan.recordId(), null);
            case UPDATE -> plan.synced() == null
                    ? new PlannedStep(application, Action.REACTIVATE, plan.body(), null, plan.recordId(), null)
                    : new PlannedStep(application, Action.UPDATE, null, changes(plan.body(), synced), null, null);
        };
    }

    static PlannedStep invalid(String application, String reason) {
        return new PlannedStep(application, Action.INVALID, null, null, reason, null);
    }

    private static List<FieldChange> changes(Map<String, Object> sent, Map<String, Object> synced) {
        List<FieldChange> changes = new ArrayList<>();
        sent.forEach((field, value) -> changes.add(new FieldChange(field, synced.get(field), value)));
        return changes;
    }

    /** Whether the real run would call Salesforce to write. */
    public boolean writes() {
        return action != Action.SKIP && action != Action.REFUSE && action != Action.INVALID;
    }

    /** One line of text: the mapped values, the changes old → new, or the reason. */
    public String detail() {
        if (fields != null) {
            return fields.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "));
        }
        if (changes != null) {
            return changes.stream()
                    .map(c -> c.field() + ": " + c.from() + " -> " + c.to())
                    .collect(Collectors.joining("; "));
        }
        return code == null ? reason : code + ": " + reason;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("application", application);
        json.put("action", action.label());
        if (fields != null) {
            json.put("fields", fields);
        }
        if (changes != null) {
            json.put(
                    "changes",
                    changes.stream()
                            .map(c -> {
                                Map<String, Object> change = new LinkedHashMap<>();
                                change.put("field", c.field());
                                change.put("from", c.from());
                                change.put("to", c.to());
                                return change;
                            })
                            .toList());
        }
        if (action == Action.DELETE || action == Action.DEACTIVATE || action == Action.REACTIVATE) {
            json.put("recordId", reason);
        } else if (reason != null) {
            json.put("reason", reason);
        }
        if (code != null) {
            json.put("code", code);
        }
        return json;
    }
}
