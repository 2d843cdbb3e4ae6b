package io.provisioning.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.emulator.EmulatorSettings;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.testsupport.EmulatorClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundle's own list of standard fields (salesforce/standard-fields.csv) and the emulator's org schema are kept
 * apart (issue 13: production takes no field knowledge from the emulator); this checks they agree where the list
 * speaks: every listed field is in the emulated org's describe, writable exactly when the list says so. A field the
 * emulator gains later may be added to the list; a listed field the emulator drops or changes fails here.
 */
class StandardFieldsAgreementTest {

    @Test
    void everyListedFieldIsInTheEmulatedOrgWithTheSameAccess() throws Exception {
        assertFalse(StandardFields.all().isEmpty(), StandardFields.RESOURCE + " lists no object");
        List<String> disagreements = new ArrayList<>();
        try (SalesforceEmulator emulator =
                new SalesforceEmulator(EmulatorSettings.defaults().withPort(0))) {
            emulator.start();
            EmulatorClient org = EmulatorClient.defaultOrg(emulator.baseUrl());
            for (Map.Entry<String, List<StandardFields.Field>> object :
                    StandardFields.all().entrySet()) {
                String sObject = object.getKey();
                Map<String, Boolean> described = new HashMap<>();
                for (JsonNode field : org.describe(sObject).path("fields")) {
                    described.put(
                            field.path("name").asText(),
                            field.path("createable").asBoolean()
                                    || field.path("updateable").asBoolean());
                }
                for (StandardFields.Field field : object.getValue()) {
                    Boolean writable = described.get(field.name());
                    if (writable == null || writable != field.writable()) {
                        disagreements.add(sObject + "." + field.name() + ": list says "
                                + (field.writable() ? "writable" : "read-only") + ", emulator "
                                + (writable == null ? "does not have it" : writable ? "writable" : "read-only"));
                    }
                }
            }
        }
        assertEquals(List.of(), disagreements);
    }
}
