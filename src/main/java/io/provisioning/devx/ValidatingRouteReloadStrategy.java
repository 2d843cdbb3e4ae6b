package io.provisioning.devx;

import io.provisioning.validation.Problem;
import io.provisioning.validation.RouteFileValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.apache.camel.util.FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's route reload with a check first. Camel 4.18 by default removes every route before it reads the changed file,
 * so a broken file leaves the bundle with no routes; here a changed file is validated first and refused when it has
 * problems (the running routes stay), and a valid one replaces only the routes it defines. A file that passes the
 * checks can still fail in Camel (e.g. a bean that does not exist) after Camel removed the file's routes: the file's
 * last good text is then loaded again, so its routes keep running.
 */
public final class ValidatingRouteReloadStrategy extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(ValidatingRouteReloadStrategy.class);

    private final RouteFileValidator validator;
    /** The text each route file had when its routes last loaded, by location. */
    private final Map<String, String> lastGood = new ConcurrentHashMap<>();
    /** The text last refused, by location: the watcher often reports one save twice. */
    private final Map<String, String> lastRefused = new ConcurrentHashMap<>();

    /**
     * @param pattern    the file names to watch ({@code *.camel.yaml})
     * @param subFolders whether the feature folders below {@code folder} are watched too
     */
    public ValidatingRouteReloadStrategy(
            Path folder, String pattern, boolean subFolders, RouteFileValidator validator) {
        super(folder.toString(), subFolders);
        setPattern(pattern);
        setRemoveAllRoutes(false);
        this.validator = validator;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // the files as they are now, named as the watcher will name them when they change
        Path folder = Path.of(getFolder());
        var matcher = folder.getFileSystem().getPathMatcher("glob:" + getPattern());
        try (var files = isRecursive() ? Files.walk(folder) : Files.list(folder)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f) && matcher.matches(f.getFileName()))
                    .toList()) {
                remember(PluginHelper.getResourceLoader(getCamelContext())
                        .resolveResource(
                                "file:" + FileUtil.compactPath(file.toFile().getPath())));
            }
        }
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        if (resources != null) {
            if (resources.stream().anyMatch(ValidatingRouteReloadStrategy::empty)) {
                // an editor truncates before it writes: the next event brings the content
                LOG.debug("Dev mode: skipped an empty route file among {}", resources);
                return;
            }
            if (resources.stream().allMatch(this::seenBefore)) {
                LOG.debug("Dev mode: {} unchanged since it was last loaded or refused", resources);
                return;
            }
            for (Resource resource : resources) {
                List<Problem> problems = validator.check(resource);
                if (!problems.isEmpty()) {
                    lastRefused.put(resource.getLocation(), text(resource));
                    LOG.warn(
                            "Dev mode: refused the changed route file {}; its running routes stay. {}",
                            RouteFileValidator.displayName(resource),
                            problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
                    return;
                }
            }
        }
        try {
            super.onRouteReload(resources, removeEverything);
        } catch (RuntimeException e) {
            if (resources == null) {
                throw e;
            }
            restore(resources, e);
            return;
        }
        if (resources != null) {
            resources.forEach(this::remember);
            LOG.info("Dev mode: reloaded the route file(s) {}", names(resources));
        }
    }

    /** Camel removed the file's routes and could not load the new ones: load the file's last good text again. */
    private void restore(Collection<Resource> resources, RuntimeException failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        resources.forEach(r -> lastRefused.put(r.getLocation(), text(r)));
        LOG.warn(
                "Dev mode: refused the changed route file(s) {}; Camel could not load them: {}. Their last good"
                        + " version is loaded again.",
                names(resources),
                cause.getMessage());
        List<Resource> previous = resources.stream()
                .filter(r -> lastGood.containsKey(r.getLocation()))
                .map(r -> ResourceHelper.fromString(r.getLocation(), lastGood.get(r.getLocation())))
                .toList();
        if (!previous.isEmpty()) {
            super.onRouteReload(previous, false);
        }
    }

    private static String names(Collection<Resource> resources) {
        return resources.stream().map(RouteFileValidator::displayName).collect(Collectors.joining(", "));
    }

    /** Keeps the text of a file whose routes are running: the start's files, then each accepted change. */
    private void remember(Resource resource) {
        lastGood.put(resource.getLocation(), text(resource));
        lastRefused.remove(resource.getLocation());
    }

    private boolean seenBefore(Resource resource) {
        String text = text(resource);
        return text.equals(lastGood.get(resource.getLocation()))
                || text.equals(lastRefused.get(resource.getLocation()));
    }

    private static String text(Resource resource) {
        try (var in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean empty(Resource resource) {
        try {
            return Files.size(Path.of(resource.getURI())) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
