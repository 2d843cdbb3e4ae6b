package io.provisioning.emulator;

/**
 * What a request says about its writes: the API version (for record URLs in answers) and whether its
 * {@code Sforce-Duplicate-Rule-Header} allows saving duplicates.
 */
record WriteOptions(String version, boolean allowSave) {

    static final WriteOptions DEFAULT = new WriteOptions("v" + ApiVersions.LATEST + ".0", false);

    static WriteOptions of(ApiRequest request, String version) {
        return new WriteOptions(version, DuplicateRules.allowSave(request));
    }
}
