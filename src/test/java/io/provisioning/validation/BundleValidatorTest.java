package io.provisioning.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.Application;
import io.provisioning.support.ConfigFiles;
import io.provisioning.testsupport.BundleCopy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validate command on the shipped files (no problem, exit 0) and on broken copies: each kind of mistake is
 * reported with its file, line and reason, and the exit code is non-zero. Nothing is started or connected.
 */
class BundleValidatorTest {

    @TempDir
    Path folder;

    @Test
    void theShippedFilesAreValid() throws Exception {
        BundleValidator.Report report =
                new BundleValidator(Application.CONFIG_LOCATION, "file:routes/" + ConfigFiles.ROUTE_FILES).checkAll();
        assertEquals(List.of(), report.problems());
        assertTrue(report.routeFiles().size() > 30, report.routeFiles().toString());
        assertEquals(1, report.applications());
        assertEquals(List.of("config/mappings/salesforce.yaml"), report.mappingFiles());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ValidateCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("OK: "), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badYamlSyntax() {
        BundleCopy copy = BundleCopy.in(folder);
        copy.route(
                "broken-syntax",
                """
                - log: [unclosed
                - log: second
                """);
        Problem problem = single(copy);
        assertEquals(copy.routes().resolve("broken-syntax.camel.yaml").toString(), problem.file());
        assertEquals(7, problem.line(), problem.toString());
        assertTrue(problem.reason().startsWith("not valid YAML: "), problem.toString());
    }

    @Test
    void unknownEip() {
        BundleCopy copy = BundleCopy.in(folder);
        copy.route("unknown-eip", """
                - setBodyy:
                    constant: x
                """);
        Problem problem = single(copy);
        assertEquals(copy.routes().resolve("unknown-eip.camel.yaml").toString(), problem.file());
        assertEquals(6, problem.line(), problem.toString());
        assertEquals("YAML DSL: Unknown node id: setBodyy", problem.reason());
    }

    @Test
    void unknownEndpointOption() {
        BundleCopy copy = BundleCopy.in(folder);
        copy.route(
                "unknown-option",
                """
                - to:
                    uri: sql:SELECT 1 AS up
                    parameters:
                      outputTyp: SelectOne
                """);
        Problem problem = single(copy);
        assertEquals(6, problem.line(), problem.toString());
        assertEquals(
                "endpoint 'sql:SELECT 1 AS up?outputTyp=SelectOne': option 'outputTyp': Unknown option. Did you mean:"
                        + " [outputType]",
                problem.reason());
    }

    @Test
    void unknownApplicationNamesTheKnownOnes() {
        BundleCopy copy = BundleCopy.in(folder);
        copy.route(
                "unknown-application",
                """
                - log: creating
                - to:
                    uri: salesforce-sandbox:createSObject
                    parameters:
                      sObjectName: Lead
                      rawPayload: true
                """);
        Problem problem = single(copy);
        assertEquals(7, problem.line(), problem.toString());
        assertTrue(
                problem.reason().startsWith("unknown component or application 'salesforce-sandbox'"),
                problem.toString());
        assertTrue(problem.reason().endsWith("(provisioning.applications: salesforce)"), problem.toString());
    }

    @Test
    void aMisspeltApplicationGetsASuggestion() {
        BundleCopy copy = BundleCopy.in(folder);
        copy.route(
                "misspelt-application",
                """
                - to:
                    uri: salesforec:createSObject
                """);
        assertTrue(
                single(copy).reason().endsWith("(provisioning.applications: salesforce); did you mean 'salesforce'?"));
    }

    @Test
    void anApplicationEndpointIsCheckedAsCamelSalesforce() {
        BundleCopy copy = BundleCopy.in(folder);
        copy.route(
                "application-option",
                """
                - to:
                    uri: salesforce:createSObject
                    parameters:
                      sObjectNam: Lead
                """);
        Problem problem = single(copy);
        assertEquals(6, problem.line(), problem.toString());
        assertTrue(
                problem.reason().contains("option 'sObjectNam': Unknown option. Did you mean: [sObjectName]"),
                problem.toString());
    }

    @Test
    void mappingToAnUnknownSalesforceField() {
        BundleCopy copy = BundleCopy.in(folder);
        Path mapping = copy.write(
                "config/mappings/salesforce.yaml",
                """
                fields:
                  LastName: lastName
                  Compagny: company
                  Department__c: { constant: Research }
                """);
        copy.setting("provisioning.application.salesforce.mapping", mapping.toString());
        Problem problem = single(copy);
        assertEquals(mapping.toString(), problem.file());
        assertEquals(3, problem.line(), problem.toString());
        assertEquals(
                "unknown Lead field 'Compagny' (custom fields end in __c; list other fields of the org in provisioning.application.<name>.org-fields); did you mean 'Company'?",
                problem.reason());
    }

    @Test
    void mappingToAReadOnlyField() {
        BundleCopy copy = BundleCopy.in(folder);
        Path mapping =
                copy.write("config/mappings/salesforce.yaml", "fields:\n  LastName: lastName\n  Name: firstName\n");
        copy.setting("provisioning.application.salesforce.mapping", mapping.toString());
        assertEquals(new Problem(mapping.toString(), 3, "Lead field 'Name' is read-only"), single(copy));
    }

    @Test
    void unknownSObject() {
        BundleCopy copy = BundleCopy.in(folder);
        int line = copy.setting("provisioning.application.salesforce.sobject", "Leed");
        assertEquals(
                new Problem(
                        copy.settings().toString(),
                        line,
                        "provisioning.application.salesforce.sobject must be one of [Contact, Lead, User], got 'Leed'"),
                single(copy));
    }

    @Test
    void missingMappingFile() {
        BundleCopy copy = BundleCopy.in(folder);
        int line = copy.setting("provisioning.application.salesforce.mapping", "config/mappings/nowhere.yaml");
        assertEquals(
                new Problem(
                        copy.settings().toString(),
                        line,
                        "mapping file config/mappings/nowhere.yaml of application salesforce not found"),
                single(copy));
    }

    @Test
    void theCommandExitsNonZeroAndPrintsEachProblem() {
        BundleCopy copy = BundleCopy.in(folder);
        copy.route("unknown-eip", """
                - setBodyy:
                    constant: x
                """);
        int line = copy.setting("provisioning.application.salesforce.sobject", "Leed");
        System.setProperty(ConfigFiles.CONFIG_OVERRIDE, copy.settings().toString());
        System.setProperty(ConfigFiles.ROUTES_OVERRIDE, copy.routes().toString());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(1, ValidateCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8)));
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(
                    List.of(
                            copy.routes().resolve("unknown-eip.camel.yaml") + ":6: YAML DSL: Unknown node id: setBodyy",
                            copy.settings() + ":" + line
                                    + ": provisioning.application.salesforce.sobject must be one of [Contact, Lead, User], got 'Leed'"),
                    lines.subList(0, 2));
            assertTrue(lines.get(2).startsWith("2 problem(s); "), lines.toString());
        } finally {
            System.clearProperty(ConfigFiles.CONFIG_OVERRIDE);
            System.clearProperty(ConfigFiles.ROUTES_OVERRIDE);
        }
    }

    private static Problem single(BundleCopy copy) {
        List<Problem> problems = new BundleValidator(copy.settingsLocation(), copy.routesPattern())
                .checkAll()
                .problems();
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }
}
