package io.provisioning.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.mapping.TargetFields;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SalesforceFieldsTest {

    @Test
    void standardFieldsCaseInsensitiveCustomFieldsAlwaysReadOnlyAndUnknownRefused() {
        TargetFields user = SalesforceFields.of("User");
        assertEquals(Optional.empty(), user.refusal("Username"));
        assertEquals(Optional.empty(), user.refusal("timezonesidkey"));
        assertEquals(Optional.empty(), user.refusal("Badge_Number__c"));
        assertEquals(Optional.of("User field 'LastLoginDate' is read-only"), user.refusal("LastLoginDate"));
        assertTrue(
                user.refusal("Company")
                        .orElseThrow()
                        .startsWith(
                                "unknown User field 'Company' (custom fields end in __c; list other fields of the org in"
                                        + " provisioning.application.<name>.org-fields); known fields: ["),
                user.refusal("Company").toString());
        assertTrue(SalesforceFields.of("Contact").refusal("Company").isPresent());
        assertEquals(Optional.empty(), SalesforceFields.of("Lead").refusal("Company"));
    }

    @Test
    void fieldsTheOrgHasBeyondTheListAreAcceptedWhenNamed() {
        assertTrue(SalesforceFields.of("Lead").refusal("AnnualRevenue").isPresent());
        TargetFields lead = SalesforceFields.of("Lead", java.util.Set.of("AnnualRevenue"));
        assertEquals(Optional.empty(), lead.refusal("annualrevenue"));
        assertTrue(lead.refusal("Revenue").isPresent(), "other unknown fields are still refused");
        assertEquals(Optional.empty(), SalesforceFields.of("Lead").refusal("Fax"), "Fax is a standard Lead field");
    }
}
