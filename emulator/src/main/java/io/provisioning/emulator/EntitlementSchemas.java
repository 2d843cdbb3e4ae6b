package io.provisioning.emulator;

import static io.provisioning.emulator.FieldDef.bool;
import static io.provisioning.emulator.FieldDef.of;
import static io.provisioning.emulator.FieldDef.readOnly;
import static io.provisioning.emulator.FieldDef.reference;
import static io.provisioning.emulator.FieldDef.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The objects an admin grants access with: PermissionSet, PermissionSetGroup, PermissionSetAssignment, Group and
 * GroupMember (Object Reference, API 62). All are creatable and deletable over REST as in a real org; assignments
 * and members cannot be updated (delete and insert again).
 */
final class EntitlementSchemas {
    static final String PERMISSION_SET = "0PS";
    static final String PERMISSION_SET_GROUP = "0PG";
    static final String ASSIGNMENT = "0Pa";
    static final String GROUP = "00G";
    static final String GROUP_MEMBER = "011";

    private EntitlementSchemas() {}

    static List<ObjectSchema> all() {
        return List.of(permissionSet(), permissionSetGroup(), assignment(), group(), groupMember());
    }

    private static ObjectSchema permissionSet() {
        List<FieldDef> f = new ArrayList<>();
        f.add(readOnly("Id", "Permission Set ID", FieldType.ID));
        f.add(text("Name", "Name", 80).asRequired().asUnique());
        f.add(text("Label", "Label", 80).asRequired());
        f.add(of("Description", "Description", FieldType.TEXTAREA, 255));
        // the user license the set needs; null = any license
        f.add(reference("LicenseId", "License ID", "100"));
        f.add(readOnly("IsOwnedByProfile", "Is Owned By Profile", FieldType.BOOLEAN));
        f.add(readOnly("ProfileId", "Profile ID", FieldType.REFERENCE));
        f.add(readOnly("PermissionSetGroupId", "Permission Set Group ID", FieldType.REFERENCE));
        f.add(readOnly("Type", "Type", FieldType.PICKLIST));
        f.addAll(SchemaRegistry.systemFields());
        return new ObjectSchema("PermissionSet", "Permission Set", PERMISSION_SET, true, true, f);
    }

    private static ObjectSchema permissionSetGroup() {
        List<FieldDef> f = new ArrayList<>();
        f.add(readOnly("Id", "Permission Set Group ID", FieldType.ID));
        f.add(text("DeveloperName", "Developer Name", 80).asRequired().asUnique());
        f.add(text("MasterLabel", "Label", 80).asRequired());
        f.add(of("Description", "Description", FieldType.TEXTAREA, 255));
        f.add(readOnly("Status", "Status", FieldType.PICKLIST));
        f.addAll(SchemaRegistry.systemFields());
        return new ObjectSchema("PermissionSetGroup", "Permission Set Group", PERMISSION_SET_GROUP, true, true, f);
    }

    private static ObjectSchema assignment() {
        List<FieldDef> f = new ArrayList<>();
        f.add(readOnly("Id", "Permission Set Assignment ID", FieldType.ID));
        f.add(reference("AssigneeId", "Assignee ID", "005").asRequired().createOnly());
        // exactly one of the two is given; a group assignment keeps PermissionSetId empty here (UNCERTAIN: a real
        // org fills it with the group's aggregate permission set)
        f.add(reference("PermissionSetId", "Permission Set ID", PERMISSION_SET).createOnly());
        f.add(reference("PermissionSetGroupId", "Permission Set Group ID", PERMISSION_SET_GROUP)
                .createOnly());
        f.add(readOnly("IsActive", "Is Active", FieldType.BOOLEAN));
        f.add(readOnly("SystemModstamp", "System Modstamp", FieldType.DATETIME));
        return new ObjectSchema("PermissionSetAssignment", "Permission Set Assignment", ASSIGNMENT, true, true, f);
    }

    private static ObjectSchema group() {
        List<FieldDef> f = new ArrayList<>();
        f.add(readOnly("Id", "Group ID", FieldType.ID));
        f.add(text("Name", "Name", 40).asRequired());
        f.add(text("DeveloperName", "Developer Name", 80).asUnique());
        f.add(of("Type", "Type", FieldType.PICKLIST, 40).withDefault("Regular"));
        f.add(bool("DoesIncludeBosses", "Include Bosses", true));
        f.add(bool("DoesSendEmailToMembers", "Send Email to Members", false));
        f.addAll(SchemaRegistry.systemFields());
        return new ObjectSchema("Group", "Group", GROUP, true, true, f);
    }

    private static ObjectSchema groupMember() {
        List<FieldDef> f = new ArrayList<>();
        f.add(readOnly("Id", "Group Member ID", FieldType.ID));
        f.add(reference("GroupId", "Group ID", GROUP).asRequired().createOnly());
        // a user or a nested group: no single key prefix
        f.add(reference("UserOrGroupId", "User/Group ID", null).asRequired().createOnly());
        f.add(readOnly("SystemModstamp", "System Modstamp", FieldType.DATETIME));
        return new ObjectSchema("GroupMember", "Group Member", GROUP_MEMBER, true, true, f);
    }
}
