package io.provisioning.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The outbox's in-process wake-up: raised after a commit, never on a rollback, remembered while the poller works. */
class OutboxSignalTest {

    private static JdbcDataSource database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:outbox_signal;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    @Test
    void aWakeUpEndsTheWaitAtOnceAndIsRememberedUntilTaken() throws Exception {
        OutboxSignal signal = new OutboxSignal();
        assertFalse(signal.awaitWork(20), "no work: the wait runs out");
        signal.wake();
        long start = System.nanoTime();
        assertTrue(signal.awaitWork(60_000));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        assertFalse(signal.awaitWork(20), "taken once");

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return signal.awaitWork(60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        signal.wake();
        assertTrue(waiting.get(30, TimeUnit.SECONDS));
    }

    @Test
    void afterCommitActionsRunOnceTheTransactionCommitsAndNeverOnRollback() {
        JdbcDataSource dataSource = database();
        AtomicInteger runs = new AtomicInteger();
        Runnable action = runs::incrementAndGet;
        Jdbc.inTransaction(dataSource, connection -> {
            Jdbc.afterCommit(action);
            Jdbc.afterCommit(action); // the same action once per transaction
            assertEquals(0, runs.get(), "not before the commit");
            return null;
        });
        assertEquals(1, runs.get());
        assertThrows(
                IllegalStateException.class,
                () -> Jdbc.inTransaction(dataSource, connection -> {
                    Jdbc.afterCommit(action);
                    throw new IllegalStateException("rolled back");
                }));
        assertEquals(1, runs.get());
        Jdbc.afterCommit(action); // outside a transaction: at once
        assertEquals(2, runs.get());
    }
}
