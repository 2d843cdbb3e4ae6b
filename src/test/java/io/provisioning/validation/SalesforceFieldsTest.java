package io.provisioning.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.provisioning.mapping.TargetFields;

class SalesforceFieldsTest {

    @Test
    void standardFieldsCaseInsensitiveCustomFieldsAlwaysReadOnlyAndUnknownRefused() {
        TargetFields user = SalesforceFields.of("User");
        assertEquals(Optional.empty(), user.refusal("Username"));
        assertEquals(Optional.empty(), user.refusal("timezonesidkey"));
        assertEquals(Optional.empty(), user.refusal("Badge_Number__c"));
        assertEquals(Optional.of("User field 'LastLoginDate' is read-only"), user.refusal("LastLoginDate"));
        assertTrue(user.refusal("Company").orElseThrow().startsWith("unknown User field 'Company' (custom fields end in __c); known fields: ["),
                user.refusal("Company").toString());
        assertTrue(SalesforceFields.of("Contact").refusal("Company").isPresent());
        assertEquals(Optional.empty(), SalesforceFields.of("Lead").refusal("Company"));
    }
}
