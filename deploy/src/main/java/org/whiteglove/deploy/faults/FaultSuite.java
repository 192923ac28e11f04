package org.whiteglove.deploy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.whiteglove.deploy.check.Api;
import org.whiteglove.deploy.check.Await;
import org.whiteglove.deploy.check.Platform;
import org.whiteglove.deploy.check.WebhookReceiver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.whiteglove.deploy.check.Api.expect;

/**
 * {@code deploy/whiteglove faults [--quick]}: faults against the running platform, each under a steady stream of
 * tickets and each ending with the invariant check ({@link Invariants}): kill -9 of every service in turn, the
 * Kafka broker killed and restarted, PostgreSQL frozen (SIGSTOP) for 10 s, an undeserializable record on every
 * topic, a webhook receiver failing for two minutes (20 s with --quick), and bad input on every REST operation.
 * For the run, the P5 policy gets a short response target (so every ticket breaches while we watch) and breach rules
 * with a limit per window mail every breach (the check counts one mail per breach); both are put back at the end.
 * Prints a markdown table; exits 1 when an invariant does not hold.
 */
public final class FaultSuite {

    private static final String SECRET = "fault-suite-webhook-secret";

    private final Platform platform;
    private final Api api;
    private final boolean quick;
    private final Duration responseTarget;
    private final int rate;
    private final List<String[]> rows = new ArrayList<>();
    private boolean failed;

    private FaultSuite(Platform platform, boolean quick) {
        this.platform = platform;
        this.api = platform.api();
        this.quick = quick;
        this.responseTarget = Duration.ofSeconds(quick ? 10 : 30);
        this.rate = quick ? 5 : 20;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        FaultSuite suite = new FaultSuite(Platform.fromEnvironment(), quick);
        suite.run();
        System.exit(suite.failed ? 1 : 0);
    }

    private void run() throws Exception {
        ObjectNode p5 = (ObjectNode) expect(200, api.get("sla-monitor", "/api/policies/P5", "manager")).json();
        p5.remove("name"); // the policy as its PUT takes it
        // The invariants count one mail per breach: breach rules with a limit (the default's) mail each one during the run.
        Map<String, ObjectNode> limitedBreachRules = new LinkedHashMap<>();
        for (JsonNode rule : expect(200, api.get("notifier", "/api/rules", "ops")).json()) {
            if (rule.path("kind").asText().equals("SLA_BREACH") && rule.path("maxPerWindow").asInt() > 0) {
                ObjectNode asPut = ((ObjectNode) rule).deepCopy();
                asPut.remove("id");
                limitedBreachRules.put(rule.path("id").asText(), asPut);
            }
        }
        // Put P5 and the rules back however the run ends (also on Ctrl-C).
        Runnable putBack = () -> {
            api.put("sla-monitor", "/api/policies/P5", "manager", p5);
            limitedBreachRules.forEach((id, rule) -> api.put("notifier", "/api/rules/" + id, "ops", rule));
        };
        Thread restore = new Thread(putBack, "restore-p5-and-rules");
        Runtime.getRuntime().addShutdownHook(restore);
        expect(200, api.put("sla-monitor", "/api/policies/P5", "manager", Map.of("responseTarget", responseTarget.toString(),
                "resolutionTarget", "PT2H", "calendar", "24x7", "warningPercents", List.of(), "escalations", List.of())));
        for (Map.Entry<String, ObjectNode> rule : limitedBreachRules.entrySet()) {
            expect(200, api.put("notifier", "/api/rules/" + rule.getKey(), "ops", rule.getValue().deepCopy().put("maxPerWindow", 0)));
        }
        try {
            if (quick) {
                // One stream through all six crashes, one check at the end: the same faults in a third of the time.
                underLoad("kill -9 of each service in turn, each restarted", () -> {
                    for (String service : Platform.SERVICES) {
                        crash(service);
                    }
                });
            } else {
                for (String service : Platform.SERVICES) {
                    underLoad("kill -9 " + service, () -> crash(service));
                }
            }
            underLoad("Kafka broker killed for 10 s", () -> {
                platform.whitegloveChecked("kill", "kafka");
                Thread.sleep(10_000);
                platform.whitegloveChecked("start", "kafka");
            });
            underLoad("PostgreSQL frozen (SIGSTOP) for 10 s", () -> {
                List<Long> pids = postgresProcesses();
                signal("-STOP", pids);
                try {
                    Thread.sleep(10_000);
                } finally {
                    signal("-CONT", pids);
                }
            });
            garbageOnEveryTopic();
            webhookReceiverDown(quick ? Duration.ofSeconds(20) : Duration.ofMinutes(2));
            badInput();
        } finally {
            Runtime.getRuntime().removeShutdownHook(restore);
            putBack.run();
        }
        String table = "| fault | tickets accepted | breaches | result |\n|---|---:|---:|---|\n"
                + rows.stream().map(r -> "| " + String.join(" | ", r) + " |").collect(Collectors.joining("\n")) + "\n";
        System.out.println();
        System.out.println(table);
        Path folder = platform.home().resolve("faults");
        Files.createDirectories(folder);
        Path file = folder.resolve("faults-" + (quick ? "quick-" : "full-") + Instant.now().toString().replace(':', '-') + ".md");
        Files.writeString(file, table);
        System.out.println("Written: " + file + (failed ? "\nSOME INVARIANTS DID NOT HOLD" : "\nEvery invariant held."));
    }

    private interface Fault {
        void inject() throws Exception;
    }

    /** Tickets flow for a few seconds, the fault happens, tickets flow on; then every invariant must hold. */
    private void underLoad(String name, Fault fault) throws Exception {
        System.out.println("== " + name);
        Instant since = Instant.now();
        long started = System.nanoTime();
        List<String> accepted;
        try (TicketStream stream = new TicketStream(platform, rate)) {
            Thread.sleep(3_000);
            fault.inject();
            Thread.sleep(5_000);
            stream.close();
            accepted = stream.accepted();
        }
        Invariants.Outcome outcome = new Invariants(platform).check(accepted, since, responseTarget,
                responseTarget.plus(Duration.ofSeconds(quick ? 60 : 120)));
        record(name, outcome, (System.nanoTime() - started) / 1_000_000_000L);
    }

    private void record(String name, Invariants.Outcome outcome, long seconds) {
        boolean ok = outcome.violations().isEmpty();
        failed |= !ok;
        String result = ok ? "every invariant held (" + seconds + " s" + (outcome.smtpCopiesBeyondOne() > 0
                ? "; " + outcome.smtpCopiesBeyondOne() + " email resent with the same Message-ID after the crash" : "") + ")"
                : "**" + String.join("; ", outcome.violations()) + "**";
        rows.add(new String[] {name, String.valueOf(outcome.tickets()), String.valueOf(outcome.breaches()), result});
        System.out.println("   " + result);
    }

    private void crash(String service) throws Exception {
        platform.whitegloveChecked("kill", service);
        Thread.sleep(2_000);
        platform.whitegloveChecked("start", service);
    }

    private void garbageOnEveryTopic() throws Exception {
        String name = "an undeserializable record on every topic";
        System.out.println("== " + name);
        Instant since = Instant.now();
        long started = System.nanoTime();
        List<String> accepted;
        List<String> missing;
        try (TicketStream stream = new TicketStream(platform, rate)) {
            Thread.sleep(2_000);
            Map<String, String> keys = Garbage.send(platform);
            missing = Garbage.missingDeadLetters(platform, keys, Duration.ofSeconds(60));
            Thread.sleep(3_000);
            stream.close();
            accepted = stream.accepted();
        }
        Invariants.Outcome outcome = new Invariants(platform).check(accepted, since, responseTarget, responseTarget.plusSeconds(60));
        List<String> violations = new ArrayList<>(outcome.violations());
        missing.forEach(dlq -> violations.add("nothing on " + dlq));
        int pairs = Garbage.CONSUMERS.values().stream().mapToInt(List::size).sum();
        record(name + " (" + pairs + " consumer dead-letter topics)",
                new Invariants.Outcome(outcome.tickets(), outcome.breaches(), outcome.smtpCopiesBeyondOne(), violations),
                (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** Breach webhooks to a receiver that answers 503 for a while: retried, then delivered once each, signed. */
    private void webhookReceiverDown(Duration down) throws Exception {
        String name = "webhook receiver failing for " + down.toSeconds() + " s";
        System.out.println("== " + name);
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            receiver.answer(503);
            String rule = expect(201, api.post("notifier", "/api/rules", "ops", Map.of("name", "fault suite: breaches to a failing receiver",
                    "kind", "SLA_BREACH", "webhooks", List.of(Map.of("url", receiver.url(), "format", "GENERIC", "secret", SECRET)),
                    "enabled", true))).json().path("id").asText();
            Instant since = Instant.now();
            List<String> accepted;
            try {
                try (TicketStream stream = new TicketStream(platform, rate)) {
                    Thread.sleep(Math.min(10_000, down.toMillis() / 2));
                    stream.close();
                    accepted = stream.accepted();
                }
                // The breaches come responseTarget after each ticket; the receiver stays down past them.
                Thread.sleep(Math.max(0, down.toMillis() - Duration.between(since, Instant.now()).toMillis()));
                receiver.answer(204);
                Set<String> tickets = Set.copyOf(accepted);
                Await.until("a webhook for each breach", Duration.ofMinutes(quick ? 2 : 6), Duration.ofSeconds(1), () ->
                        receiver.accepted().stream().map(r -> ticketOf(r.body())).filter(tickets::contains).distinct().count() == tickets.size());
            } catch (AssertionError e) {
                rows.add(new String[] {name, "?", "?", "**" + e.getMessage() + "**"});
                failed = true;
                return;
            } finally {
                api.send("DELETE", "notifier", "/api/rules/" + rule, "ops", null, null);
            }
            Set<String> tickets = Set.copyOf(accepted);
            Invariants.Outcome outcome = new Invariants(platform).check(accepted, since, responseTarget, Duration.ofSeconds(60));
            List<String> violations = new ArrayList<>(outcome.violations());
            List<WebhookReceiver.Received> ours = receiver.received().stream().filter(r -> tickets.contains(ticketOf(r.body()))).toList();
            long deliveries = ours.stream().map(WebhookReceiver.Received::deliveryId).distinct().count();
            long acceptedOnce = ours.stream().filter(r -> r.answered() / 100 == 2).map(WebhookReceiver.Received::deliveryId).count();
            if (acceptedOnce != deliveries) {
                violations.add("webhooks accepted " + acceptedOnce + " times for " + deliveries + " deliveries");
            }
            if (!ours.stream().allMatch(WebhookReceiver.Received::signatureValid)) {
                violations.add("a webhook without a valid signature");
            }
            long attempts = ours.size();
            record(name + " (" + attempts + " attempts for " + deliveries + " deliveries)",
                    new Invariants.Outcome(outcome.tickets(), outcome.breaches(), outcome.smtpCopiesBeyondOne(), violations), down.toSeconds());
        }
    }

    private void badInput() throws Exception {
        System.out.println("== bad input on every REST operation");
        ApiFuzz.Outcome outcome = new ApiFuzz(platform).run();
        boolean ok = outcome.violations().isEmpty();
        failed |= !ok;
        outcome.violations().forEach(v -> System.out.println("   " + v));
        rows.add(new String[] {"bad input: " + outcome.operations() + " operations from the OpenAPI documents, " + outcome.requests()
                + " requests (no/forged token, every other role, malformed and wrong-shape JSON, enum values, over the limit)",
                "–", "–", ok ? "401/403/4xx/413 as expected, problem+json, no 5xx" : "**" + outcome.violations().size() + " violations: "
                + String.join("; ", outcome.violations().subList(0, Math.min(5, outcome.violations().size()))) + "**"});
    }

    private static String ticketOf(String webhookBody) {
        try {
            return Api.json().readTree(webhookBody).path("ticketId").asText();
        } catch (Exception e) {
            return "";
        }
    }

    /** The PostgreSQL server and every backend it forked. */
    private List<Long> postgresProcesses() throws Exception {
        long server = platform.postgresServerPid();
        List<Long> pids = new ArrayList<>();
        pids.add(server);
        ProcessHandle.of(server).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(p -> command.add(String.valueOf(p)));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
