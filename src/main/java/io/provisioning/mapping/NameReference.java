package io.provisioning.mapping;

/**
 * A reference field's value named instead of given as an id, e.g. a User's ProfileId as the profile "Standard User":
 * the record of {@code sObject} whose {@code field} equals {@code name} (and meets the SOQL {@code filter}, when not
 * empty). The Salesforce write resolves it in the application's org before sending; ids differ from org to org,
 * names do not. In a mapping file: {@code ProfileId: { lookup: Profile, name: Standard User }}.
 */
public record NameReference(String sObject, String field, String name, String filter) {

    @Override
    public String toString() {
        return sObject + " named '" + name + "'";
    }
}
