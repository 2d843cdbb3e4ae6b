package io.provisioning.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed access to the {@code provisioning.*} settings. Reads through Camel's properties component, so every key can
 * be overridden by a system property or an environment variable ({@code provisioning.db.url} → {@code
 * PROVISIONING_DB_URL}); beneath everything lie the packaged {@link SettingDefaults}. Every {@code provisioning.*}
 * key read must have a default there (an empty one means "not set"): reading one without is a programming error and
 * fails at once. Camel's own keys ({@code camel.*}) have theirs in Camel and the settings file.
 */
public final class Settings {

    private final PropertiesComponent properties;
    private final SettingDefaults defaults;

    public Settings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
        this.defaults = SettingDefaults.packaged();
        defaults.installIn(properties);
    }

    /** The value, or empty when it is blank (an empty default means "not set"). */
    public Optional<String> find(String key) {
        if (key.startsWith("provisioning.") && !defaults.has(key)) {
            throw new IllegalStateException("Setting " + key + " has no default in " + SettingDefaults.FILE
                    + ": add it there with a comment, and a row in docs/configuration.md");
        }
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * Settings whose keys are data rather than names (issue 20: {@code provisioning.scim.groups.<display name>}): every
     * key under {@code prefix} in the settings files and the system properties (which win), keyed by the rest of the
     * key. No defaults: none is set unless configured.
     */
    public java.util.Map<String, String> under(String prefix) {
        java.util.Map<String, String> found = new java.util.TreeMap<>();
        properties
                .loadProperties(k -> k.startsWith(prefix))
                .forEach((k, v) -> found.put(
                        k.toString().substring(prefix.length()), v.toString().trim()));
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith(prefix)) {
                found.put(k.toString().substring(prefix.length()), v.toString().trim());
            }
        });
        return found;
    }

    /** The value, or {@code ""} when it is not set. */
    public String get(String key) {
        return find(key).orElse("");
    }

    public String require(String key) {
        return find(key).orElseThrow(() -> new InvalidSettingException(key, "Missing setting " + key));
    }

    public int getInt(String key) {
        return parse(key, require(key), Integer::parseInt);
    }

    /** A count or size: 1 or more. */
    public int getPositiveInt(String key) {
        int value = getInt(key);
        if (value < 1) {
            throw new InvalidSettingException(key, "Setting " + key + " must be 1 or more, got " + value);
        }
        return value;
    }

    public Optional<Integer> findInt(String key) {
        return find(key).map(v -> parse(key, v, Integer::parseInt));
    }

    public long getLong(String key) {
        return parse(key, require(key), Long::parseLong);
    }

    public Duration millis(String key) {
        return Duration.ofMillis(getLong(key));
    }

    public Duration seconds(String key) {
        return Duration.ofSeconds(getLong(key));
    }

    public boolean getBoolean(String key) {
        String value = require(key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new InvalidSettingException(key, "Setting " + key + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    public List<String> getList(String key) {
        return split(get(key));
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static <T> T parse(String key, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "Setting " + key + " must be a number, got '" + value + "'");
        }
    }
}
