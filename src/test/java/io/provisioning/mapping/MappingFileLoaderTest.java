package io.provisioning.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.provisioning.directory.User;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingFileLoaderTest {

    private static final User ADA = new User(
            "u1",
            "ada@example.com",
            "ada@example.com",
            "Ada",
            "Lovelace",
            null,
            Map.of("department", "Research"),
            true,
            "created",
            OffsetDateTime.now(),
            OffsetDateTime.now());

    @Test
    void appliesDirectConstantDefaultAndCreateOnlyRules() {
        AttributeMapping mapping = parse(
                """
                fields:
                  LastName: lastName
                  Company: { source: company, default: Unknown }
                  Department: department
                  LeadSource: { constant: Provisioning, on: create }
                  Title: { source: firstName, maxLength: 2 }
                """);
        assertEquals(
                Map.of(
                        "LastName",
                        "Lovelace",
                        "Company",
                        "Unknown",
                        "Department",
                        "Research",
                        "LeadSource",
                        "Provisioning",
                        "Title",
                        "Ad"),
                mapping.apply(ADA, true));
        assertEquals(
                Map.of("LastName", "Lovelace", "Company", "Unknown", "Department", "Research", "Title", "Ad"),
                mapping.apply(ADA, false));
    }

    @Test
    void expressionsComputeAnAliasFromFirstLetterAndLastName() {
        AttributeMapping mapping = parse(
                """
                fields:
                  Alias: { expression: "${firstName:0:1}${lastName}", case: lower, maxLength: 8 }
                  CommunityNickname: { expression: "${firstName}.${lastName} (${department})" }
                  Nick: { expression: "${nickname}", default: none }
                """);
        assertEquals(
                Map.of("Alias", "alovelac", "CommunityNickname", "Ada.Lovelace (Research)", "Nick", "none"),
                mapping.apply(ADA, true));
        assertError(
                "fields:\n  Alias: { expression: \"${firstName\" }\n",
                "m.yaml:2: bad expression for 'Alias': unclosed '${'");
        assertError(
                "fields:\n  Alias: { expression: \"${firstName:x:1}\" }\n",
                "m.yaml:2: bad expression for 'Alias': start and length");
        assertError(
                "fields:\n  Alias: { expression: \"${first name}\" }\n",
                "m.yaml:2: bad expression for 'Alias': 'first name' is not");
        assertError("fields:\n  Alias: { source: a, case: title }\n", "m.yaml:2: 'case' must be 'lower' or 'upper'");
    }

    @Test
    void defaultsFillRequiredFieldsOnCreateOnly() {
        AttributeMapping mapping = parse(
                """
                fields:
                  LastName: lastName
                  Company: company
                defaults:
                  Company: Fallback Inc
                  TimeZoneSidKey: Europe/London
                """);
        assertEquals(
                Map.of("LastName", "Lovelace", "Company", "Fallback Inc", "TimeZoneSidKey", "Europe/London"),
                mapping.apply(ADA, true));
        Map<String, Object> update = mapping.apply(ADA, false);
        assertEquals(java.util.Set.of("LastName", "Company"), update.keySet());
        assertError(
                "fields:\n  LastName: lastName\ndefaults:\n  Time Zone: x\n",
                "m.yaml:4: 'Time Zone' is not a Salesforce field name");
    }

    @Test
    void theShippedDefaultMappingIsTheGuides() {
        AttributeMapping mapping = MappingFileLoader.load("salesforce", Path.of("config/mappings/salesforce.yaml"));
        Map<String, Object> record = mapping.apply(ADA, true);
        assertEquals("Lovelace", record.get("LastName"));
        assertEquals("Provisioning", record.get("LeadSource"));
    }

    @Test
    void reportsFileLineAndReason() {
        assertError(
                "fields:\n  LastName: lastName\n  Company: { sorce: company }\n",
                "m.yaml:3: unknown key 'sorce' in rule for 'Company', expected one of [case, constant, default, expression, maxLength, on, source]");
        assertError(
                "fields:\n  LastName: lastName\n  LastName: company\n", "m.yaml:3: field 'LastName' is mapped twice");
        assertError(
                "fields:\n  LeadSource: { constant: x, source: y }\n",
                "m.yaml:2: rule for 'LeadSource' needs exactly one of 'source', 'constant' or 'expression'");
        assertError(
                "fields:\n  Title: { source: x, on: sometimes }\n",
                "m.yaml:2: 'on' must be 'create' or 'always', got 'sometimes'");
        assertError(
                "fields:\n  Title: { source: x, maxLength: -3 }\n",
                "m.yaml:2: 'maxLength' must be a positive number, got '-3'");
        assertError(
                "mapping:\n  LastName: lastName\n", "m.yaml:1: unknown key 'mapping', expected 'fields' or 'defaults'");
        assertError("fields: [\n", "m.yaml:2: not valid YAML: ");
        assertError("fields: {}\n", "m.yaml:1: 'fields' is empty: map at least one field");
    }

    @Test
    void aDefaultMayNameARecordOfTheOrg() {
        AttributeMapping mapping = parse(
                """
                fields:
                  LastName: lastName
                defaults:
                  ProfileId: { lookup: Profile, name: Standard User }
                  UserRoleId: { lookup: UserRole, name: CEO, field: DeveloperName, filter: "PortalType = 'None'" }
                """);
        assertEquals(
                Map.of(
                        "LastName",
                        "Lovelace",
                        "ProfileId",
                        new NameReference("Profile", "Name", "Standard User", ""),
                        "UserRoleId",
                        new NameReference("UserRole", "DeveloperName", "CEO", "PortalType = 'None'")),
                mapping.apply(ADA, true));
        assertError(
                "fields:\n  LastName: lastName\ndefaults:\n  ProfileId: { lookup: Profile }\n",
                "m.yaml:4: the default of 'ProfileId' needs 'lookup' (an sObject) and 'name'");
        assertError(
                "fields:\n  LastName: lastName\ndefaults:\n  ProfileId: { lookup: Profile, nam: X }\n",
                "m.yaml:4: unknown key 'nam' in the default of 'ProfileId'");
    }

    @Test
    void missingFileIsNamed() {
        MappingFileException e = assertThrows(
                MappingFileException.class, () -> MappingFileLoader.load("x", Path.of("config/mappings/nope.yaml")));
        assertEquals("config/mappings/nope.yaml: mapping file not found", e.getMessage());
    }

    private static AttributeMapping parse(String yaml) {
        return MappingFileLoader.parse("app", "m.yaml", new StringReader(yaml));
    }

    private static void assertError(String yaml, String expectedStart) {
        MappingFileException e = assertThrows(MappingFileException.class, () -> parse(yaml));
        if (!e.getMessage().startsWith(expectedStart)) {
            assertEquals(expectedStart, e.getMessage());
        }
    }
}
