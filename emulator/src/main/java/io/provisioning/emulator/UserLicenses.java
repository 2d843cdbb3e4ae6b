package io.provisioning.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * User licenses with a count: an active user holds one license of its profile's type. Creating or reactivating a
 * user, or moving it to a profile of another license, when every license of that type is taken is refused with
 * LICENSE_LIMIT_EXCEEDED, as in a real org. The counts are the seed's ({@link OrgSeed#LICENSES}) unless a test sets
 * them ({@code PUT /emulator/licenses/{name}}); {@code UsedLicenses} on the UserLicense records follows every change.
 */
final class UserLicenses {
    // UNCERTAIN: the REST message; Salesforce's help quotes "License Limit Exceeded" without the license's name
    static final String MESSAGE = "License Limit Exceeded";
    private final Map<String, Integer> totals = new ConcurrentHashMap<>();

    UserLicenses() {
        reset();
    }

    void reset() {
        totals.clear();
        OrgSeed.LICENSES.forEach(l -> totals.put(l.name(), l.total()));
    }

    int total(String license) {
        return totals.getOrDefault(license, 0);
    }

    boolean known(String license) {
        return totals.containsKey(license);
    }

    /** Sets a license's count and writes it to its record. */
    void setTotal(OrgStore store, Persistence persistence, String license, int total) {
        store.writeRun(() -> {
            totals.put(license, total);
            UnitOfWork uow = new UnitOfWork(store, persistence);
            for (Map<String, Object> record : store.all("UserLicense")) {
                if (license.equals(record.get("Name"))) {
                    Map<String, Object> copy = new LinkedHashMap<>(record);
                    copy.put("TotalLicenses", (long) total);
                    uow.put("UserLicense", copy);
                }
            }
            uow.commit();
        });
    }

    /**
     * Checks a User about to be stored ({@code before} = the stored version, null on create), under the write
     * lock.
     */
    void check(OrgStore store, Map<String, Object> user, Map<String, Object> before) {
        String licenseId = licenseOf(store, user);
        boolean holdsOne = isActive(user) && licenseId != null;
        boolean heldSame = before != null && isActive(before) && Objects.equals(licenseOf(store, before), licenseId);
        if (holdsOne && !heldSame) {
            Map<String, Object> license = store.get(licenseId);
            String name = String.valueOf(license.get("Name"));
            if (used(store, licenseId, user.get("Id")) >= total(name)) {
                throw new ApiException(400, ApiError.of("LICENSE_LIMIT_EXCEEDED", MESSAGE, List.of()));
            }
        }
    }

    /** Writes UsedLicenses of every license (after a user write in the same unit of work). */
    void recount(OrgStore store, UnitOfWork uow) {
        Map<String, Long> used = new LinkedHashMap<>();
        for (Map<String, Object> user : store.all("User")) {
            String licenseId = isActive(user) ? licenseOf(store, user) : null;
            if (licenseId != null) {
                used.merge(licenseId, 1L, Long::sum);
            }
        }
        for (Map<String, Object> license : store.all("UserLicense")) {
            long count = used.getOrDefault((String) license.get("Id"), 0L);
            if (!Objects.equals(license.get("UsedLicenses"), count)) {
                Map<String, Object> copy = new LinkedHashMap<>(license);
                copy.put("UsedLicenses", count);
                uow.put("UserLicense", copy);
            }
        }
    }

    private static long used(OrgStore store, String licenseId, Object selfId) {
        return store.all("User").stream()
                .filter(u -> !Objects.equals(u.get("Id"), selfId))
                .filter(UserLicenses::isActive)
                .filter(u -> licenseId.equals(licenseOf(store, u)))
                .count();
    }

    private static boolean isActive(Map<String, Object> user) {
        // users the org makes for itself (Automated Process) hold no license
        return Boolean.TRUE.equals(user.get("IsActive")) && !"AutomatedProcess".equals(user.get("UserType"));
    }

    private static String licenseOf(OrgStore store, Map<String, Object> user) {
        Object profileId = user.get("ProfileId");
        Map<String, Object> profile = profileId == null ? null : store.get(profileId.toString());
        return profile == null ? null : (String) profile.get("UserLicenseId");
    }
}
