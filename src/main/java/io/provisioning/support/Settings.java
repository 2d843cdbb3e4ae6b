package io.provisioning.support;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed access to the {@code provisioning.*} settings. Reads through Camel's properties component, so every key can
 * be overridden by a system property or an environment variable ({@code provisioning.db.url} → {@code
 * PROVISIONING_DB_URL}).
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
        return find(key).orElseThrow(() -> new InvalidSettingException(key, "Missing setting " + key));
    }

    public int getInt(String key, int defaultValue) {
        return find(key).map(v -> parse(key, v, Integer::parseInt)).orElse(defaultValue);
    }

    public long getLong(String key, long defaultValue) {
        return find(key).map(v -> parse(key, v, Long::parseLong)).orElse(defaultValue);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return find(key)
                .map(v -> {
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        throw new InvalidSettingException(
                                key, "Setting " + key + " must be true or false, got '" + v + "'");
                    }
                    return Boolean.parseBoolean(v);
                })
                .orElse(defaultValue);
    }

    public List<String> getList(String key, String defaultValue) {
        return Arrays.stream(get(key, defaultValue).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "Setting " + key + " must be a number, got '" + value + "'");
        }
    }
}
