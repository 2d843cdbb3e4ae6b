package io.provisioning.entitlements;

/** A grant the bundle made in an application's org: the assignment or membership record's id. */
public record AppliedGrant(Grant grant, String recordId) {}
