package io.provisioning.entitlements;

/** One permission set, permission set group or public group, by API name. */
public record Grant(EntitlementKind kind, String name) {}
