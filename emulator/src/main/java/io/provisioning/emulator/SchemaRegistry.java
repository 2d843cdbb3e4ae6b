package io.provisioning.emulator;

import static io.provisioning.emulator.FieldDef.bool;
import static io.provisioning.emulator.FieldDef.of;
import static io.provisioning.emulator.FieldDef.readOnly;
import static io.provisioning.emulator.FieldDef.reference;
import static io.provisioning.emulator.FieldDef.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulated sObject types and their standard fields: the targets (Lead, Contact, User, UserLogin) and the objects
 * their reference fields point at (Account, Profile, UserRole, UserLicense), and the entitlement objects of
 * {@link EntitlementSchemas}. Custom fields exist only where a test or
 * the bundle defines them (controls, {@link SalesforceEmulator#defineExternalIdField}), as in a real org.
 */
final class SchemaRegistry {
    static final String USER_LOGIN_PREFIX = "060"; // UNCERTAIN: key prefix of UserLogin
    private final Map<String, ObjectSchema> byLowerName = new ConcurrentHashMap<>();

    SchemaRegistry() {
        register(lead());
        register(contact());
        register(user());
        register(userLogin());
        register(account());
        register(profile());
        register(userRole());
        register(userLicense());
        EntitlementSchemas.all().forEach(this::register);
    }

    ObjectSchema find(String name) {
        return name == null ? null : byLowerName.get(name.toLowerCase(Locale.ROOT));
    }

    Collection<ObjectSchema> all() {
        return List.copyOf(byLowerName.values());
    }

    ObjectSchema byKeyPrefix(String id) {
        for (ObjectSchema s : byLowerName.values()) {
            if (id != null && id.startsWith(s.keyPrefix())) {
                return s;
            }
        }
        return null;
    }

    private void register(ObjectSchema schema) {
        byLowerName.put(schema.name().toLowerCase(Locale.ROOT), schema);
    }

    static List<FieldDef> systemFields() {
        return List.of(
                readOnly("CreatedDate", "Created Date", FieldType.DATETIME),
                readOnly("CreatedById", "Created By ID", FieldType.REFERENCE),
                readOnly("LastModifiedDate", "Last Modified Date", FieldType.DATETIME),
                readOnly("LastModifiedById", "Last Modified By ID", FieldType.REFERENCE),
                readOnly("SystemModstamp", "System Modstamp", FieldType.DATETIME));
    }

    private static List<FieldDef> address(String prefix, String labelPrefix) {
        return List.of(
                text(prefix + "Street", labelPrefix + "Street", 255),
                text(prefix + "City", labelPrefix + "City", 40),
                text(prefix + "State", labelPrefix + "State/Province", 80),
                text(prefix + "PostalCode", labelPrefix + "Zip/Postal Code", 20),
                text(prefix + "Country", labelPrefix + "Country", 80));
    }

    private static ObjectSchema lead() {
        List<FieldDef> f = new ArrayList<>();
        f.add(readOnly("Id", "Lead ID", FieldType.ID));
        f.add(readOnly("IsDeleted", "Deleted", FieldType.BOOLEAN));
        f.add(text("LastName", "Last Name", 80).asRequired());
        f.add(text("FirstName", "First Name", 40));
        f.add(of("Salutation", "Salutation", FieldType.PICKLIST, 40));
        f.add(readOnly("Name", "Full Name", FieldType.STRING));
        f.add(text("Title", "Title", 128));
        f.add(text("Company", "Company", 255).asRequired());
        f.addAll(address("", ""));
        f.add(of("Phone", "Phone", FieldType.PHONE, 40));
        f.add(of("MobilePhone", "Mobile Phone", FieldType.PHONE, 40));
        f.add(of("Fax", "Fax", FieldType.PHONE, 40));
        f.add(of("Email", "Email", FieldType.EMAIL, 80));
        f.add(bool("HasOptedOutOfEmail", "Email Opt Out", false));
        f.add(of("Website", "Website", FieldType.URL, 255));
        f.add(of("Description", "Description", FieldType.TEXTAREA, 32000));
        f.add(of("LeadSource", "Lead Source", FieldType.PICKLIST, 255));
        f.add(of("Status", "Status", FieldType.PICKLIST, 255).withDefault("Open - Not Contacted"));
        f.add(of("Industry", "Industry", FieldType.PICKLIST, 255));
        f.add(of("Rating", "Rating", FieldType.PICKLIST, 255));
        f.add(of("NumberOfEmployees", "Employees", FieldType.INT, 8));
        f.add(reference("OwnerId", "Owner ID", "005"));
        f.add(readOnly("IsConverted", "Converted", FieldType.BOOLEAN));
        f.add(readOnly("IsUnreadByOwner", "Unread By Owner", FieldType.BOOLEAN));
        f.addAll(systemFields());
        return new ObjectSchema("Lead", "Lead", "00Q", true, true, f);
    }

    private static ObjectSchema contact() {
        List<FieldDef> f = new ArrayList<>();
        f.add(readOnly("Id", "Contact ID", FieldType.ID));
        f.add(readOnly("IsDeleted", "Deleted", FieldType.BOOLEAN));
        f.add(reference("AccountId", "Account ID", "001"));
        f.add(text("LastName", "Last Name", 80).asRequired());
        f.add(text("FirstName", "First Name", 40));
        f.add(of("Salutation", "Salutation", FieldType.PICKLIST, 40));
        f.add(readOnly("Name", "Full Name", FieldType.STRING));
        f.addAll(address("Mailing", "Mailing "));
        f.add(of("Phone", "Business Phone", FieldType.PHONE, 40));
        f.add(of("MobilePhone", "Mobile Phone", FieldType.PHONE, 40));
        f.add(of("HomePhone", "Home Phone", FieldType.PHONE, 40));
        f.add(of("OtherPhone", "Other Phone", FieldType.PHONE, 40));
        f.add(of("Fax", "Business Fax", FieldType.PHONE, 40));
        f.add(of("Email", "Email", FieldType.EMAIL, 80));
        f.add(bool("HasOptedOutOfEmail", "Email Opt Out", false));
        f.add(text("Title", "Title", 128));
        f.add(text("Department", "Department", 80));
        f.add(text("AssistantName", "Assistant's Name", 40));
        f.add(of("LeadSource", "Lead Source", FieldType.PICKLIST, 255));
        f.add(of("Description", "Contact Description", FieldType.TEXTAREA, 32000));
        f.add(reference("OwnerId", "Owner ID", "005"));
        f.addAll(systemFields());
        return new ObjectSchema("Contact", "Contact", "003", true, true, f);
    }

    private static ObjectSchema user() {
        List<FieldDef> f = new ArrayList<>();
        f.add(readOnly("Id", "User ID", FieldType.ID));
        f.add(text("Username", "Username", 80).asRequired().asUnique());
        f.add(text("LastName", "Last Name", 80).asRequired());
        f.add(text("FirstName", "First Name", 40));
        f.add(readOnly("Name", "Full Name", FieldType.STRING));
        f.add(text("CompanyName", "Company Name", 80));
        f.add(text("Division", "Division", 80));
        f.add(text("Department", "Department", 80));
        f.add(text("Title", "Title", 80));
        f.addAll(address("", ""));
        f.add(of("Email", "Email", FieldType.EMAIL, 128).asRequired());
        f.add(of("Phone", "Phone", FieldType.PHONE, 40));
        f.add(of("MobilePhone", "Mobile", FieldType.PHONE, 40));
        f.add(of("Fax", "Fax", FieldType.PHONE, 40));
        f.add(text("Extension", "Extension", 40));
        f.add(of("AboutMe", "About Me", FieldType.TEXTAREA, 1000));
        f.add(text("Alias", "Alias", 8).asRequired());
        f.add(text("CommunityNickname", "Nickname", 40));
        f.add(bool("IsActive", "Active", true));
        f.add(of("TimeZoneSidKey", "Time Zone", FieldType.PICKLIST, 40).asRequired());
        f.add(reference("UserRoleId", "Role ID", "00E"));
        f.add(of("LocaleSidKey", "Locale", FieldType.PICKLIST, 40).asRequired());
        f.add(of("EmailEncodingKey", "Email Encoding", FieldType.PICKLIST, 40).asRequired());
        f.add(reference("ProfileId", "Profile ID", "00e").asRequired());
        f.add(of("LanguageLocaleKey", "Language", FieldType.PICKLIST, 40).asRequired());
        f.add(text("EmployeeNumber", "Employee Number", 20));
        f.add(reference("ManagerId", "Manager ID", "005"));
        f.add(text("FederationIdentifier", "SAML Federation ID", 512));
        f.add(readOnly("UserType", "User Type", FieldType.PICKLIST));
        f.add(readOnly("LastLoginDate", "Last Login", FieldType.DATETIME));
        f.add(readOnly("LastPasswordChangeDate", "Last Password Change or Reset", FieldType.DATETIME));
        f.addAll(systemFields());
        return new ObjectSchema("User", "User", "005", true, false, f);
    }

    private static ObjectSchema userLogin() {
        List<FieldDef> f = new ArrayList<>();
        f.add(readOnly("Id", "User Login ID", FieldType.ID));
        f.add(readOnly("UserId", "User ID", FieldType.REFERENCE));
        f.add(bool("IsFrozen", "Is Frozen", false));
        f.add(bool("IsPasswordLocked", "Is Password Locked", false));
        f.add(readOnly("LastModifiedDate", "Last Modified Date", FieldType.DATETIME));
        f.add(readOnly("LastModifiedById", "Last Modified By ID", FieldType.REFERENCE));
        return new ObjectSchema("UserLogin", "User Login", USER_LOGIN_PREFIX, false, false, f);
    }

    private static ObjectSchema account() {
        List<FieldDef> f = new ArrayList<>();
        f.add(readOnly("Id", "Account ID", FieldType.ID));
        f.add(readOnly("IsDeleted", "Deleted", FieldType.BOOLEAN));
        f.add(text("Name", "Account Name", 255).asRequired());
        f.add(of("Type", "Account Type", FieldType.PICKLIST, 255));
        f.add(of("Industry", "Industry", FieldType.PICKLIST, 255));
        f.addAll(address("Billing", "Billing "));
        f.add(of("Phone", "Account Phone", FieldType.PHONE, 40));
        f.add(of("Website", "Website", FieldType.URL, 255));
        f.add(of("Description", "Account Description", FieldType.TEXTAREA, 32000));
        f.add(reference("OwnerId", "Owner ID", "005"));
        f.addAll(systemFields());
        return new ObjectSchema("Account", "Account", "001", true, true, f);
    }

    /** Profiles exist in every org; the API cannot create them (Setup does). */
    private static ObjectSchema profile() {
        List<FieldDef> f = new ArrayList<>();
        f.add(readOnly("Id", "Profile ID", FieldType.ID));
        f.add(readOnly("Name", "Name", FieldType.STRING));
        f.add(readOnly("UserLicenseId", "User License ID", FieldType.REFERENCE));
        f.add(readOnly("UserType", "User Type", FieldType.PICKLIST));
        f.add(readOnly("Description", "Description", FieldType.STRING));
        f.addAll(systemFields());
        return new ObjectSchema("Profile", "Profile", "00e", false, false, f);
    }

    private static ObjectSchema userRole() {
        List<FieldDef> f = new ArrayList<>();
        f.add(readOnly("Id", "Role ID", FieldType.ID));
        f.add(text("Name", "Name", 80).asRequired());
        f.add(text("DeveloperName", "Developer Name", 80));
        f.add(reference("ParentRoleId", "Parent Role ID", "00E"));
        f.add(text("RollupDescription", "Description", 80));
        f.addAll(systemFields());
        return new ObjectSchema("UserRole", "Role", "00E", true, false, f);
    }

    /** The org's user licenses with their counts; read-only through the API. */
    private static ObjectSchema userLicense() {
        List<FieldDef> f = new ArrayList<>();
        f.add(readOnly("Id", "User License ID", FieldType.ID));
        f.add(readOnly("Name", "Name", FieldType.STRING));
        f.add(readOnly("MasterLabel", "Master Label", FieldType.STRING));
        f.add(readOnly("LicenseDefinitionKey", "License Definition Key", FieldType.STRING));
        f.add(readOnly("Status", "Status", FieldType.PICKLIST));
        f.add(readOnly("TotalLicenses", "Total Licenses", FieldType.INT));
        f.add(readOnly("UsedLicenses", "Used Licenses", FieldType.INT));
        f.add(readOnly("LastModifiedDate", "Last Modified Date", FieldType.DATETIME));
        return new ObjectSchema("UserLicense", "User License", "100", false, false, f);
    }
}
