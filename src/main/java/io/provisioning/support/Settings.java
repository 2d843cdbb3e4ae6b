package io.provisioning.support;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed access to the {@code provisioning.*} settings. Reads through Camel's properties component, so every key can
 * be overridden by a system property or an environment variable ({@code provisioning.db.url} → {@code PROVISIONING_DB_URL}).
 */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    public Optional<String> find(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String get(String key, String defaultValue) {
        return find(key).orElse(defaultValue);
    }

    public String require(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException("Missing setting " + key));
    }

    public int getInt(String key, int defaultValue) {
        return find(key).map(v -> parse(key, v, Integer::parseInt)).orElse(defaultValue);
    }

    public long getLong(String key, long defaultValue) {
        return find(key).map(v -> parse(key, v, Long::parseLong)).orElse(defaultValue);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return find(key).map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalStateException("Setting " + key + " must be true or false, got '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        }).orElse(defaultValue);
    }

    /** Every setting under {@code prefix}, keyed by the rest of its name. */
    public java.util.Map<String, String> withPrefix(String prefix) {
        java.util.Map<String, String> values = new java.util.TreeMap<>();
        java.util.Set<String> keys = new java.util.TreeSet<>();
        properties.loadProperties(key -> key.startsWith(prefix)).keySet().forEach(k -> keys.add(k.toString()));
        // System properties may add keys the settings file does not have.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
        keys.forEach(key -> find(key).ifPresent(value -> values.put(key.substring(prefix.length()), value)));
        return values;
    }

    public List<String> getList(String key, String defaultValue) {
        return Arrays.stream(get(key, defaultValue).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + key + " must be a number, got '" + value + "'");
        }
    }
}
