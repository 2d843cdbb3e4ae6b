package io.provisioning.emulator;

/** The delay added to every /services call; changeable at run time. */
final class Latency {
    private volatile long millis;

    Latency(long millis) {
        this.millis = millis;
    }

    long millis() {
        return millis;
    }

    void set(long value) {
        this.millis = Math.max(0, value);
    }

    void pause() {
        long m = millis;
        if (m > 0) {
            try {
                Thread.sleep(m);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
