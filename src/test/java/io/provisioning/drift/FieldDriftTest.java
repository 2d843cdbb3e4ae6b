package io.provisioning.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.requests.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldDriftTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void namesEachDriftedFieldWithBothValues() throws Exception {
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("LastName", "Lovelace");
        written.put("Company", "Acme");
        written.put("FirstName", "Ada");
        List<FieldDrift> drifts = FieldDrift.between(
                written, JSON.readTree("{\"LastName\":\"Changed\",\"Company\":\"Acme\",\"FirstName\":null}"));
        assertEquals(
                List.of(new FieldDrift("LastName", "Lovelace", "Changed"), new FieldDrift("FirstName", "Ada", null)),
                drifts);
        assertEquals(
                "LastName: written 'Lovelace', Salesforce has 'Changed'",
                drifts.get(0).describe());
    }

    @Test
    void emptyTextIsNullAndNumbersAndBooleansCompareByText() throws Exception {
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("Title", "");
        written.put("NumberOfEmployees", 12);
        written.put("IsActive", true);
        written.put("Phone", null);
        assertEquals(
                List.of(),
                FieldDrift.between(
                        written,
                        JSON.readTree("{\"Title\":null,\"NumberOfEmployees\":12.0e0,\"IsActive\":true,\"Phone\":\"\"}")
                                .deepCopy()));
        assertEquals(
                List.of(new FieldDrift("IsActive", true, false)),
                FieldDrift.between(Map.of("IsActive", true), JSON.readTree("{\"IsActive\":false}")));
    }

    @Test
    void aFieldTheRecordLacksIsDriftToNull() throws Exception {
        assertEquals(
                List.of(new FieldDrift("Email", "a@example.com", null)),
                FieldDrift.between(Map.of("Email", "a@example.com"), JSON.readTree("{}")));
    }

    @Test
    void theModeIsReportOrRepair() {
        assertEquals(ReconcileMode.REPORT, ReconcileMode.parse(null));
        assertEquals(ReconcileMode.REPAIR, ReconcileMode.parse(" Repair "));
        assertThrows(InvalidRequestException.class, () -> ReconcileMode.parse("fix"));
    }
}
