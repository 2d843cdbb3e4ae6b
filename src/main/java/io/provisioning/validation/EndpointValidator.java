package io.provisioning.validation;

import io.provisioning.support.ConfiguredMailComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.impl.DefaultRuntimeCamelCatalog;

/**
 * Checks one endpoint URI without creating it: the component must be on the class path, or be a configured
 * application (registered at run time as a camel-salesforce component of that name) or one of the bundle's own mail
 * components; its options are checked against the component's catalog entry (unknown option, bad enum, number or
 * boolean). URIs whose component is chosen at run time ({@code ${…}:…}) are left to run time.
 */
public final class EndpointValidator {

    /** Components the bundle registers from Java, and the catalog entry their options are checked against. */
    private static final Map<String, String> BUNDLE_COMPONENTS =
            Map.of(ConfiguredMailComponent.OUTBOUND, "smtp", ConfiguredMailComponent.INBOUND, "imap");

    private static final String APPLICATION_COMPONENT = "salesforce";
    private static final String MASTER = "master";

    private final CamelContext placeholders;
    private final DefaultRuntimeCamelCatalog catalog;
    private final List<String> applications;

    /**
     * @param offline      a context that is never started, for the catalog
     * @param placeholders the context whose settings resolve {@code {{…}}} in URIs (the offline one, or the running
     * one)
     */
    public EndpointValidator(CamelContext offline, CamelContext placeholders, List<String> applications) {
        this.placeholders = placeholders;
        // the concrete catalog: only it validates a whole URI (the SPI takes a scheme and a map of options)
        this.catalog = new DefaultRuntimeCamelCatalog();
        this.catalog.setCamelContext(offline);
        this.catalog.setSuggestionStrategy(new NearestNames());
        this.applications = List.copyOf(applications);
    }

    /** Why {@code uri} cannot work, or empty. */
    public Optional<String> check(String uri) {
        String resolved;
        try {
            resolved = placeholders.resolvePropertyPlaceholders(uri);
        } catch (RuntimeException e) {
            return Optional.of("endpoint '" + uri + "': " + e.getMessage());
        }
        int colon = resolved.indexOf(':');
        String scheme = colon > 0 ? resolved.substring(0, colon) : resolved;
        if (scheme.contains("${") || scheme.contains("$simple{")) {
            return Optional.empty();
        }
        if (MASTER.equals(scheme)) {
            // master:<namespace>:<endpoint>: the options are the wrapped endpoint's (camel-master hands them on)
            int namespaceEnd = resolved.indexOf(':', colon + 1);
            return namespaceEnd < 0
                    ? Optional.of("endpoint '" + uri + "': master: needs a namespace and an endpoint")
                    : check(resolved.substring(namespaceEnd + 1));
        }
        Optional<String> catalogScheme = catalogScheme(scheme);
        if (catalogScheme.isEmpty()) {
            String[] suggestions = NearestNames.nearest(applications, scheme);
            return Optional.of("unknown component or application '" + scheme + "' in '" + uri
                    + "': not a Camel component on the class path nor a configured application (provisioning.applications: "
                    + String.join(", ", applications) + ")"
                    + (suggestions.length > 0 ? "; did you mean '" + suggestions[0] + "'?" : ""));
        }
        String checked = catalogScheme.get() + (colon > 0 ? resolved.substring(colon) : ":");
        EndpointValidationResult result;
        try {
            result = catalog.validateEndpointProperties(checked, false, false, false);
        } catch (RuntimeException e) {
            return Optional.of("endpoint '" + uri + "' cannot be parsed: " + e.getMessage());
        }
        if (result.getSyntaxError() != null) {
            return Optional.of("endpoint '" + uri + "' has a syntax error: " + result.getSyntaxError());
        }
        return result.isSuccess() ? Optional.empty() : Optional.of("endpoint '" + uri + "': " + optionErrors(result));
    }

    private Optional<String> catalogScheme(String scheme) {
        if (applications.contains(scheme)) {
            return Optional.of(APPLICATION_COMPONENT);
        }
        if (BUNDLE_COMPONENTS.containsKey(scheme)) {
            return Optional.of(BUNDLE_COMPONENTS.get(scheme));
        }
        return catalog.componentJSonSchema(scheme) != null ? Optional.of(scheme) : Optional.empty();
    }

    /** Camel's summary is a table (option, padding, message); one line per option reads better in a report. */
    private static String optionErrors(EndpointValidationResult result) {
        List<String> errors = new ArrayList<>();
        String[] lines = result.summaryErrorMessage(false, true, false).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            int gap = line.indexOf("    ");
            if (!line.isEmpty()) {
                errors.add(
                        gap > 0
                                ? "option '" + line.substring(0, gap) + "': "
                                        + line.substring(gap).trim()
                                : line);
            }
        }
        return String.join("; ", errors);
    }
}
