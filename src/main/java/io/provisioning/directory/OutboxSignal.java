package io.provisioning.directory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes this instance's outbox poller the moment a transaction that added outbox work commits, so a single write
 * does not wait for the next poll. In-process only: other instances still find the work by polling. A wake-up that
 * comes while the poller is busy is remembered, so the next wait returns at once.
 */
public final class OutboxSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private boolean pending;

    /** Work was committed. */
    public void wake() {
        lock.lock();
        try {
            pending = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until work is signalled or {@code maxMillis} pass (the poll interval), and clears the signal.
     *
     * @return whether work was signalled
     */
    public boolean awaitWork(long maxMillis) throws InterruptedException {
        long left = TimeUnit.MILLISECONDS.toNanos(maxMillis);
        lock.lock();
        try {
            while (!pending && left > 0) {
                left = work.awaitNanos(left);
            }
            boolean signalled = pending;
            pending = false;
            return signalled;
        } finally {
            lock.unlock();
        }
    }
}
