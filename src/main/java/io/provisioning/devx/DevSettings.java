package io.provisioning.devx;

import io.provisioning.support.ConfigFiles;
import io.provisioning.support.Settings;

/** Dev mode's switch ({@code provisioning.dev} or {@code --dev}) and the route files it watches. */
public record DevSettings(boolean enabled, String routesPattern) {

    public static DevSettings read(Settings settings) {
        return new DevSettings(
                settings.getBoolean(DevMode.SWITCH),
                settings.find(ConfigFiles.CAMEL_ROUTES_PATTERN).orElseGet(ConfigFiles::routesPattern));
    }
}
