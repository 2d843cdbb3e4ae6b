package io.provisioning.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Ordered;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesSource;

/**
 * The packaged {@code provisioning-defaults.properties}: the one place a setting's default lives. Installed as the last
 * properties source of a Camel context, beneath the settings file, system properties and environment variables, so
 * YAML placeholders and {@link Settings} see the same defaults. A per-application key
 * ({@code provisioning.application.salesforce.sobject}) takes the default written for {@code <app>}.
 */
public final class SettingDefaults {

    public static final String FILE = "provisioning-defaults.properties";
    static final String APP = "<app>";
    private static final String SOURCE_NAME = "provisioning-defaults";
    private static final Pattern APPLICATION_KEY = Pattern.compile("^provisioning\\.application\\.([^.]+)\\.(.+)$");
    private static final SettingDefaults PACKAGED = load();

    private final Properties values;

    SettingDefaults(Properties values) {
        this.values = values;
    }

    public static SettingDefaults packaged() {
        return PACKAGED;
    }

    /** The key its default is written under: {@code <app>} in place of an application's name. */
    public static String pattern(String key) {
        Matcher matcher = APPLICATION_KEY.matcher(key);
        return matcher.matches() ? "provisioning.application." + APP + "." + matcher.group(2) : key;
    }

    public Optional<String> of(String key) {
        return Optional.ofNullable(values.getProperty(pattern(key)));
    }

    public boolean has(String key) {
        return values.containsKey(pattern(key));
    }

    /** Every key of the file, per-application ones with {@code <app>}. */
    public Set<String> keys() {
        return new TreeSet<>(values.stringPropertyNames());
    }

    /** Adds the defaults beneath the context's other sources, once. */
    void installIn(PropertiesComponent properties) {
        if (properties.getPropertiesSource(SOURCE_NAME) == null) {
            properties.addPropertiesSource(new Source());
        }
    }

    private static SettingDefaults load() {
        Properties properties = new Properties();
        try (InputStream in = SettingDefaults.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is not on the class path: the build packages it");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SettingDefaults(properties);
    }

    private final class Source implements PropertiesSource, Ordered {

        @Override
        public String getName() {
            return SOURCE_NAME;
        }

        @Override
        public String getProperty(String name) {
            return of(name).orElse(null);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST; // after the settings file: a default never hides a configured value
        }
    }
}
