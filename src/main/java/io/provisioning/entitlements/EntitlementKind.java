package io.provisioning.entitlements;

import io.provisioning.mapping.NameReference;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of access a user gets per application, each with the way its name is looked up in the org and, for
 * the kinds granted by a record of their own, the sObject that records a grant. Profile and role are fields of the
 * User (one value each); the others are lists.
 */
public enum EntitlementKind {
    PROFILE("profile", "Profile", "Name", "", null, null, "ProfileId"),
    ROLE("role", "UserRole", "Name", "", null, null, "UserRoleId"),
    // a profile's own permission set is not assignable: names resolve only to sets made in Setup
    PERMISSION_SET(
            "permissionSets",
            "PermissionSet",
            "Name",
            "IsOwnedByProfile = false",
            "PermissionSetAssignment",
            "PermissionSetId",
            null),
    PERMISSION_SET_GROUP(
            "permissionSetGroups",
            "PermissionSetGroup",
            "DeveloperName",
            "",
            "PermissionSetAssignment",
            "PermissionSetGroupId",
            null),
    // public groups only: queues and role groups are Group records too
    PUBLIC_GROUP("publicGroups", "Group", "DeveloperName", "Type = 'Regular'", "GroupMember", "GroupId", null);

    private final String key;
    private final String sObject;
    private final String nameField;
    private final String filter;
    private final String grantObject;
    private final String grantField;
    private final String userField;

    EntitlementKind(
            String key,
            String sObject,
            String nameField,
            String filter,
            String grantObject,
            String grantField,
            String userField) {
        this.key = key;
        this.sObject = sObject;
        this.nameField = nameField;
        this.filter = filter;
        this.grantObject = grantObject;
        this.grantField = grantField;
        this.userField = userField;
    }

    /** The JSON key, CSV column suffix and report name of the kind. */
    public String key() {
        return key;
    }

    /** A User field (profile, role) rather than an assignment record. */
    public boolean isUserField() {
        return userField != null;
    }

    public String userField() {
        return userField;
    }

    /** The sObject a grant of this kind is (PermissionSetAssignment, GroupMember). */
    public String grantObject() {
        return grantObject;
    }

    /** The grant record's field naming what is granted (PermissionSetId, PermissionSetGroupId, GroupId). */
    public String grantField() {
        return grantField;
    }

    /** The grant record's field naming the user. */
    public String assigneeField() {
        return "GroupMember".equals(grantObject) ? "UserOrGroupId" : "AssigneeId";
    }

    /** How the name is looked up in the org (one cached SOQL query through the shared resolver). */
    public NameReference reference(String name) {
        return new NameReference(sObject, nameField, name, filter);
    }

    public static Optional<EntitlementKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
