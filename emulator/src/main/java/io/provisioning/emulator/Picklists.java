package io.provisioning.emulator;

import java.util.List;
import java.util.Map;

/** Values of the standard picklists the emulator describes: a developer org's defaults, shortened for locales. */
final class Picklists {
    private static final List<String> LEAD_SOURCE =
            List.of("Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other");
    private static final Map<String, List<String>> VALUES = Map.ofEntries(
            Map.entry(
                    "lead.status",
                    List.of(
                            "Open - Not Contacted",
                            "Working - Contacted",
                            "Closed - Converted",
                            "Closed - Not Converted")),
            Map.entry("lead.leadsource", LEAD_SOURCE),
            Map.entry("contact.leadsource", LEAD_SOURCE),
            Map.entry(
                    "lead.industry",
                    List.of(
                            "Agriculture",
                            "Apparel",
                            "Banking",
                            "Biotechnology",
                            "Chemicals",
                            "Communications",
                            "Construction",
                            "Consulting",
                            "Education",
                            "Electronics",
                            "Energy",
                            "Engineering",
                            "Entertainment",
                            "Environmental",
                            "Finance",
                            "Food & Beverage",
                            "Government",
                            "Healthcare",
                            "Hospitality",
                            "Insurance",
                            "Machinery",
                            "Manufacturing",
                            "Media",
                            "Not For Profit",
                            "Recreation",
                            "Retail",
                            "Shipping",
                            "Technology",
                            "Telecommunications",
                            "Transportation",
                            "Utilities",
                            "Other")),
            Map.entry("lead.rating", List.of("Hot", "Warm", "Cold")),
            Map.entry("lead.salutation", List.of("Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Mx.")),
            Map.entry("contact.salutation", List.of("Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Mx.")),
            Map.entry(
                    "user.timezonesidkey",
                    List.of(
                            "America/Los_Angeles",
                            "America/New_York",
                            "Europe/London",
                            "Europe/Paris",
                            "Europe/Berlin",
                            "Asia/Tokyo",
                            "Australia/Sydney",
                            "GMT")),
            Map.entry("user.localesidkey", List.of("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "ja_JP")),
            Map.entry("user.emailencodingkey", List.of("UTF-8", "ISO-8859-1", "Shift_JIS")),
            Map.entry("user.languagelocalekey", List.of("en_US", "en_GB", "de", "fr", "es", "ja")),
            Map.entry("user.usertype", List.of("Standard", "PowerPartner", "CsnOnly", "AutomatedProcess", "Guest")));

    private Picklists() {}

    static List<String> values(String object, String field) {
        return VALUES.getOrDefault((object + "." + field).toLowerCase(java.util.Locale.ROOT), List.of());
    }
}
