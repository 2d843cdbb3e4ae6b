package io.provisioning.emulator;

/** Fixed ids of the emulated org. */
final class Org {
    static final String ORG_ID = IdGenerator.fixed("00D", 1);
    static final String INTEGRATION_USER_ID = IdGenerator.fixed("005", 0);
    static final String AUTOMATED_PROCESS_USER_ID = IdGenerator.fixed("005", 1);
    /** The "System Administrator" profile of the seed ({@link OrgSeed}). */
    static final String SYSTEM_ADMIN_PROFILE_ID = IdGenerator.fixed("00e", 1);

    /** The "Standard User" profile of the seed. */
    static final String STANDARD_USER_PROFILE_ID = IdGenerator.fixed("00e", 2);

    private Org() {}
}
