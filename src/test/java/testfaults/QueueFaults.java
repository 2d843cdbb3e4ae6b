package testfaults;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.AdviceWithRouteBuilder;

/**
 * Faults for the queue tests, chosen per message by its {@code testFault} property (kept outside the application's
 * package, which camel-main scans for route builders):
 * <ul>
 * <li>{@code rollback-after-commit}: the first delivery rolls back after the directory transaction committed, as
 * if the bundle died between the database commit and the JMS commit;</li>
 * <li>{@code transient}: every attempt fails before the directory is touched, as while the database is down.</li>
 * </ul>
 */
public class QueueFaults extends AdviceWithRouteBuilder {

    /** Attempts seen per JMS message id. */
    public static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    private static final Set<String> ROLLED_BACK = ConcurrentHashMap.newKeySet();

    @Override
    public void configure() {
        weaveById("inbound-queue-apply").before().process(exchange -> {
            String id = exchange.getMessage().getHeader("JMSMessageID", String.class);
            ATTEMPTS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            if ("transient".equals(exchange.getMessage().getHeader("testFault"))) {
                throw new IllegalStateException("Directory database error: simulated outage");
            }
        });
        weaveById("inbound-queue-apply").after().process(exchange -> {
            String id = exchange.getMessage().getHeader("JMSMessageID", String.class);
            if ("rollback-after-commit".equals(exchange.getMessage().getHeader("testFault")) && ROLLED_BACK.add(id)) {
                exchange.setRollbackOnly(true);
            }
        });
    }
}
