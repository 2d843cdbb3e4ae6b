package io.provisioning.scim;

import io.provisioning.support.Settings;
import java.util.List;

/** The {@code provisioning.scim.*} settings; the default page size is clamped to the largest. */
public record ScimSettings(
        List<String> tokens,
        List<String> adminProviders,
        int defaultPageSize,
        int maxPageSize,
        String baseUrl,
        String defaultCompany) {

    public static ScimSettings read(Settings settings) {
        int maxCount = settings.getPositiveInt("provisioning.scim.max-page-size");
        return new ScimSettings(
                settings.getList("provisioning.scim.tokens"),
                settings.getList("provisioning.scim.admin-providers"),
                Math.min(maxCount, settings.getPositiveInt("provisioning.scim.default-page-size")),
                maxCount,
                settings.get("provisioning.scim.base-url"),
                settings.get("provisioning.scim.default-company"));
    }
}
