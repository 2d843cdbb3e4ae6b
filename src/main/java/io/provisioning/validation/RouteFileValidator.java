package io.provisioning.validation;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.EndpointRequiredDefinition;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Checks one route file the way Camel will read it, without starting anything: YAML syntax, then Camel's YAML DSL
 * (unknown node, EIP or field), then every endpoint ({@link EndpointValidator}). Each problem names the line.
 */
public final class RouteFileValidator {

    private final CamelContext offline;
    private final EndpointValidator endpoints;

    /** @param offline a context that is never started; the file's routes are parsed in it, not added to it */
    public RouteFileValidator(CamelContext offline, EndpointValidator endpoints) {
        this.offline = offline;
        this.endpoints = endpoints;
    }

    public List<Problem> check(Resource resource) {
        String file = displayName(resource);
        Optional<Problem> syntax = syntaxProblem(resource, file);
        if (syntax.isPresent()) {
            return List.of(syntax.get());
        }
        List<Located> located = new ArrayList<>();
        try {
            Collection<RoutesBuilder> builders =
                    PluginHelper.getRoutesLoader(offline).findRoutesBuilders(resource);
            for (RoutesBuilder builder : builders) {
                if (builder instanceof RouteBuilder routes) {
                    routes.configureRoutes(offline);
                    routes.getRouteCollection().getRoutes().forEach(r -> collect(r, located));
                    routes.getRestCollection().getRests().forEach(r -> collect(r, located));
                }
                if (builder instanceof RouteConfigurationBuilder configurations) {
                    configurations
                            .getRouteConfigurationCollection()
                            .getRouteConfigurations()
                            .forEach(c -> collect(c, located));
                }
            }
        } catch (Exception e) {
            return List.of(dslProblem(file, e));
        }
        List<Problem> problems = new ArrayList<>();
        for (Located endpoint : located) {
            endpoints
                    .check(endpoint.uri())
                    .ifPresent(reason -> problems.add(new Problem(file, endpoint.line(), reason)));
        }
        return problems;
    }

    /** The name a report shows: the path for files, the location for packaged copies. */
    public static String displayName(Resource resource) {
        String location = resource.getLocation();
        return location.startsWith("file:") ? location.substring("file:".length()) : location;
    }

    private static Optional<Problem> syntaxProblem(Resource resource, String file) {
        try (Reader reader = resource.getReader()) {
            new Load(LoadSettings.builder().setLabel(file).build())
                    .loadAllFromReader(reader)
                    .forEach(document -> {});
            return Optional.empty();
        } catch (MarkedYamlEngineException e) {
            return Optional.of(new Problem(
                    file, e.getProblemMark().map(m -> m.getLine() + 1).orElse(0), "not valid YAML: " + e.getProblem()));
        } catch (Exception e) {
            return Optional.of(new Problem(file, 0, "cannot be read: " + e.getMessage()));
        }
    }

    /** Camel's YAML DSL reports a bad node with its position; other failures have only a message. */
    private static Problem dslProblem(String file, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MarkedYamlEngineException marked) {
                int line = marked.getProblemMark()
                        .or(marked::getContextMark)
                        .map(m -> m.getLine() + 1)
                        .orElse(0);
                return new Problem(
                        file,
                        line,
                        "YAML DSL: " + (marked.getProblem() != null ? marked.getProblem() : marked.getMessage()));
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new Problem(file, 0, root.getMessage() != null ? root.getMessage() : root.toString());
    }

    private record Located(String uri, int line) {}

    private static void collect(RouteDefinition route, List<Located> into) {
        FromDefinition from = route.getInput();
        if (from != null && from.getEndpointUri() != null) {
            into.add(new Located(from.getEndpointUri(), from.getLineNumber()));
        }
        collect(route.getOutputs(), into);
    }

    private static void collect(RestDefinition rest, List<Located> into) {
        for (VerbDefinition verb : rest.getVerbs()) {
            if (verb.getTo() != null && verb.getTo().getEndpointUri() != null) {
                into.add(new Located(verb.getTo().getEndpointUri(), verb.getTo().getLineNumber()));
            }
        }
    }

    private static void collect(RouteConfigurationDefinition configuration, List<Located> into) {
        for (OnExceptionDefinition onException : configuration.getOnExceptions()) {
            collect(onException.getOutputs(), into);
        }
    }

    private static void collect(List<ProcessorDefinition<?>> outputs, List<Located> into) {
        for (ProcessorDefinition<?> step : outputs) {
            if (step instanceof EndpointRequiredDefinition endpoint && endpoint.getEndpointUri() != null) {
                into.add(new Located(endpoint.getEndpointUri(), step.getLineNumber()));
            }
            collect(step.getOutputs(), into);
        }
    }
}
