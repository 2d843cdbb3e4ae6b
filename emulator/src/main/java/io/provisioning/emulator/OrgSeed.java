package io.provisioning.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard records a new Developer Edition org comes with, so that reference fields point at something real: user
 * licenses, profiles (each with its license), a sample role hierarchy, sample accounts, and sample permission sets,
 * permission set groups and groups to grant. Fixed ids, created when
 * missing (first start, after a reset).
 */
final class OrgSeed {

    /** A user license of the seed: name, definition key, default count. */
    record License(long n, String name, String key, int total) {
        String id() {
            return IdGenerator.fixed("100", n);
        }
    }

    static final License SALESFORCE = new License(1, "Salesforce", "SFDC", 250);
    static final License PLATFORM = new License(2, "Salesforce Platform", "AUL", 10);
    static final License CHATTER_FREE = new License(3, "Chatter Free", "PID_Chatter", 5000);
    // UNCERTAIN: definition key of the Salesforce Integration license
    static final License INTEGRATION = new License(4, "Salesforce Integration", "PID_SALESFORCE_INTEGRATION", 5);
    static final List<License> LICENSES = List.of(SALESFORCE, PLATFORM, CHATTER_FREE, INTEGRATION);

    private record Profile(long n, String name, License license, String userType) {}

    private static final List<Profile> PROFILES = List.of(
            new Profile(1, "System Administrator", SALESFORCE, "Standard"),
            new Profile(2, "Standard User", SALESFORCE, "Standard"),
            new Profile(3, "Read Only", SALESFORCE, "Standard"),
            new Profile(4, "Marketing User", SALESFORCE, "Standard"),
            new Profile(5, "Contract Manager", SALESFORCE, "Standard"),
            new Profile(6, "Solution Manager", SALESFORCE, "Standard"),
            new Profile(7, "Minimum Access - Salesforce", SALESFORCE, "Standard"),
            new Profile(8, "Standard Platform User", PLATFORM, "Standard"),
            new Profile(9, "Chatter Free User", CHATTER_FREE, "CsnOnly"),
            new Profile(10, "Minimum Access - API Only Integrations", INTEGRATION, "Standard"));

    private record Role(long n, String name, String developerName, Long parent) {}

    private static final List<Role> ROLES = List.of(
            new Role(1, "CEO", "CEO", null),
            new Role(2, "CFO", "CFO", 1L),
            new Role(3, "COO", "COO", 1L),
            new Role(4, "SVP, Sales & Marketing", "SVPSalesMarketing", 1L),
            new Role(5, "VP, North American Sales", "VPNorthAmericanSales", 4L),
            new Role(6, "Western Sales Team", "WesternSalesTeam", 5L),
            new Role(7, "Eastern Sales Team", "EasternSalesTeam", 5L),
            new Role(8, "Marketing Team", "MarketingTeam", 4L));

    private static final List<String> ACCOUNTS = List.of(
            "Edge Communications",
            "Burlington Textiles Corp of America",
            "GenePoint",
            "United Oil & Gas Corp.",
            "Grand Hotels & Resorts Ltd");

    /** A permission set of the seed; {@code profile} set = the profile's own set (IsOwnedByProfile). */
    private record PermissionSet(long n, String name, String label, License license, Long profile) {}

    private static final List<PermissionSet> PERMISSION_SETS = List.of(
            new PermissionSet(1, "Sales_Ops", "Sales Ops", SALESFORCE, null),
            new PermissionSet(2, "Service_Agent", "Service Agent", SALESFORCE, null),
            new PermissionSet(3, "Reports_Builder", "Reports Builder", null, null),
            new PermissionSet(4, "API_Enabled", "API Enabled", null, null),
            new PermissionSet(5, "Platform_Analytics", "Platform Analytics", PLATFORM, null),
            // the set behind the Standard User profile, which a name lookup must not find
            new PermissionSet(6, "X00e000000000002_128_09_04_12_1", "00e000000000002", null, 2L));

    private static final List<List<String>> PERMISSION_SET_GROUPS =
            List.of(List.of("Sales_Team", "Sales Team"), List.of("Support_Team", "Support Team"));

    /** Public groups (Regular) and one queue, which has the same name kind but is no public group. */
    private static final List<List<String>> GROUPS = List.of(
            List.of("All_Sales", "All Sales", "Regular"),
            List.of("EMEA_Users", "EMEA Users", "Regular"),
            List.of("Support_Queue", "Support Queue", "Queue"));

    private OrgSeed() {}

    /** Creates the records that are missing; ids are observed so that created records never collide. */
    static void ensure(OrgStore store, Persistence persistence, IdGenerator ids, String ownerId, UserLicenses totals) {
        store.writeRun(() -> {
            UnitOfWork uow = new UnitOfWork(store, persistence);
            String now = SfTime.now();
            for (License l : LICENSES) {
                put(
                        store,
                        uow,
                        ids,
                        "UserLicense",
                        l.id(),
                        now,
                        null,
                        Map.of(
                                "Name", l.name(),
                                "MasterLabel", l.name(),
                                "LicenseDefinitionKey", l.key(),
                                "Status", "Active",
                                "TotalLicenses", (long) totals.total(l.name())));
            }
            for (Profile p : PROFILES) {
                put(
                        store,
                        uow,
                        ids,
                        "Profile",
                        IdGenerator.fixed("00e", p.n()),
                        now,
                        ownerId,
                        Map.of("Name", p.name(), "UserLicenseId", p.license().id(), "UserType", p.userType()));
            }
            for (Role r : ROLES) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("Name", r.name());
                fields.put("DeveloperName", r.developerName());
                fields.put("ParentRoleId", r.parent() == null ? null : IdGenerator.fixed("00E", r.parent()));
                fields.put("RollupDescription", r.name());
                put(store, uow, ids, "UserRole", IdGenerator.fixed("00E", r.n()), now, ownerId, fields);
            }
            entitlements(store, uow, ids, now, ownerId);
            for (int i = 0; i < ACCOUNTS.size(); i++) {
                put(
                        store,
                        uow,
                        ids,
                        "Account",
                        IdGenerator.fixed("001", i + 1),
                        now,
                        ownerId,
                        Map.of("Name", ACCOUNTS.get(i), "IsDeleted", false, "OwnerId", ownerId));
            }
            uow.commit();
        });
    }

    private static void entitlements(OrgStore store, UnitOfWork uow, IdGenerator ids, String now, String by) {
        for (PermissionSet p : PERMISSION_SETS) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Name", p.name());
            fields.put("Label", p.label());
            fields.put("LicenseId", p.license() == null ? null : p.license().id());
            fields.put("IsOwnedByProfile", p.profile() != null);
            fields.put("ProfileId", p.profile() == null ? null : IdGenerator.fixed("00e", p.profile()));
            fields.put("Type", p.profile() == null ? "Regular" : "Profile");
            String id = IdGenerator.fixed(EntitlementSchemas.PERMISSION_SET, p.n());
            put(store, uow, ids, "PermissionSet", id, now, by, fields);
        }
        for (int i = 0; i < PERMISSION_SET_GROUPS.size(); i++) {
            List<String> g = PERMISSION_SET_GROUPS.get(i);
            String id = IdGenerator.fixed(EntitlementSchemas.PERMISSION_SET_GROUP, i + 1);
            Map<String, Object> fields =
                    Map.of("DeveloperName", g.get(0), "MasterLabel", g.get(1), "Status", "Updated");
            put(store, uow, ids, "PermissionSetGroup", id, now, by, fields);
        }
        for (int i = 0; i < GROUPS.size(); i++) {
            List<String> g = GROUPS.get(i);
            String id = IdGenerator.fixed(EntitlementSchemas.GROUP, i + 1);
            Map<String, Object> fields = Map.of(
                    "DeveloperName", g.get(0),
                    "Name", g.get(1),
                    "Type", g.get(2),
                    "DoesIncludeBosses", true,
                    "DoesSendEmailToMembers", false);
            put(store, uow, ids, "Group", id, now, by, fields);
        }
    }

    private static void put(
            OrgStore store,
            UnitOfWork uow,
            IdGenerator ids,
            String type,
            String id,
            String now,
            String by,
            Map<String, Object> fields) {
        ids.observe(id);
        if (store.get(id) != null) {
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("Id", id);
        record.putAll(fields);
        if (by != null) {
            record.put("CreatedDate", now);
            record.put("CreatedById", by);
            record.put("LastModifiedById", by);
            record.put("SystemModstamp", now);
        }
        record.put("LastModifiedDate", now);
        uow.put(type, record);
    }
}
