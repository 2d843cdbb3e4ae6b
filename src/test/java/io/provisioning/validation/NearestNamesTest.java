package io.provisioning.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestNamesTest {

    @Test
    void namesWithinTwoEditsNearestFirstCaseInsensitive() {
        assertEquals(1, NearestNames.edits("outputtype", "outputtyp"));
        assertEquals(2, NearestNames.edits("salesforce", "salesforec"));
        assertArrayEquals(
                new String[] {"outputType"},
                NearestNames.nearest(List.of("outputClass", "outputType", "batch"), "outputTyp"));
        assertArrayEquals(
                new String[] {"salesforce", "salesforce2"},
                NearestNames.nearest(List.of("salesforce2", "salesforce-users", "salesforce"), "Salesforce"));
        assertArrayEquals(new String[0], NearestNames.nearest(List.of("jms", "sql"), "salesforce"));
    }
}
