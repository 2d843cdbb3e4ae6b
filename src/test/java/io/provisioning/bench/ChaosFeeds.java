package io.provisioning.bench;

import io.provisioning.testsupport.ApiClient;
import io.provisioning.testsupport.Await;
import io.provisioning.testsupport.JvmProcesses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The work the chaos runs feed in, by source: users named {@code <prefix>-<source><n>@example.com} (source {@code f}
 * file, {@code q} queue, {@code h} HTTP), all of one company, so the org's records of a run are found by it.
 */
final class ChaosFeeds {

    private final String prefix;
    private final String company;

    ChaosFeeds(String prefix, String company) {
        this.prefix = prefix;
        this.company = company;
    }

    String user(String source, int i) {
        return prefix + "-" + source + i + "@example.com";
    }

    /** A bulk file of {@code rows} creates. */
    String csv(int rows) {
        StringBuilder csv = new StringBuilder("userName,email,firstName,lastName,company\n");
        for (int i = 0; i < rows; i++) {
            String name = user("f", i);
            csv.append(name)
                    .append(',')
                    .append(name)
                    .append(",F")
                    .append(i)
                    .append(",File")
                    .append(i);
            csv.append(',').append(company).append('\n');
        }
        return csv.toString();
    }

    /** {@code count} create messages, body to message group, each with its own request id. */
    Map<String, String> queueMessages(int count) {
        Map<String, String> messages = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = user("q", i);
            messages.put(
                    "{\"action\":\"create\",\"requestId\":\"" + prefix + "-" + name + "\",\"user\":{\"userName\":\""
                            + name + "\",\"email\":\"" + name + "\",\"firstName\":\"Q" + i + "\",\"lastName\":\"Queue"
                            + i + "\",\"company\":\"" + company + "\"}}",
                    name);
        }
        return messages;
    }

    /**
     * {@code count} creates over HTTP from {@code clients} threads, spread over the instances' APIs: a POST that gets
     * no answer (its instance killed, or not up yet) goes to the next instance until it is accepted (201) or found
     * accepted before (409).
     */
    void postUsers(List<ApiClient> apis, int count, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = user("h", i);
                String body = ApiClient.json(Map.of(
                        "userName",
                        name,
                        "email",
                        name,
                        "firstName",
                        "H" + i,
                        "lastName",
                        "Http" + i,
                        "company",
                        company));
                answers.add(pool.submit(() -> Await.until(
                        () -> JvmProcesses.status(() -> apis.get(Math.floorMod(next.getAndIncrement(), apis.size()))
                                .post("/api/users", body)
                                .status()),
                        status -> status == 201 || status == 409,
                        Duration.ofMinutes(5))));
            }
            for (Future<?> answer : answers) {
                answer.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
