package io.provisioning.password;

/** Where an {@link AttemptLimiter} keeps its failures: this instance's memory, or the database the cluster shares. */
interface AttemptLog {

    /** Records a failure of {@code key} at {@code millis} and forgets failures before {@code forgetBefore}. */
    void add(String key, long millis, long forgetBefore);

    /** @return the failures of {@code key} after {@code since} (exclusive) */
    int countAfter(String key, long since);
}
