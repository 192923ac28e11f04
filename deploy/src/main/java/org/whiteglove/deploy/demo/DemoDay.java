package org.whiteglove.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.whiteglove.deploy.check.Api;
import org.whiteglove.deploy.check.Platform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code deploy/whiteglove demo [TICKETS] [SECONDS]}: a business day for the running platform, in a few minutes of wall
 * time, through the same APIs the phone system, the mail gateway, the web form and the agents use. A handful of VIPs
 * with assistants; calls (back-dated by their queue wait, some waiting long enough to breach), among them the night's
 * calls to the on-call line, opened when the desk was closed (one of them, urgent, logged by the on-call but taken by
 * nobody); emails (some from VIPs, some duplicates, replies that resume pending tickets) and web tickets; agents who
 * take most tickets, put some on hold for the customer, resolve and close many and reopen a few. Nothing is written
 * behind the services' backs, so every report, the dashboard and the alert stream show it; it ends by printing what
 * the reports gained, and fails if a ticket could not be filed or the reports do not show them.
 */
public final class DemoDay {

    private static final String[] IMPACTS = {"EXTENSIVE", "SIGNIFICANT", "MODERATE", "MINOR"};
    private static final String[] URGENCIES = {"CRITICAL", "HIGH", "MEDIUM", "LOW"};
    private static final String[] SUBJECTS = {"Cannot log in to the VPN", "Outlook keeps asking for my password",
            "Printer on floor 3 jams", "Laptop will not dock", "Payroll app shows an error", "Need access to the finance share",
            "Phone headset crackles", "Teams calls drop after a minute", "New starter needs an account", "Screen flickers",
            "CRM is very slow", "Password expired", "Shared mailbox missing", "Badge does not open the garage", "Wi-Fi drops in room 4.12"};

    private record Vip(String name, String tier, String email, String phone, String delegateEmail, String delegatePhone) {
    }

    private static final List<Vip> VIPS = List.of(
            new Vip("Alexandra Stone", "EXECUTIVE", "a.stone@demo.example", "+41790000101", "assistant.stone@demo.example", "+41790000201"),
            new Vip("Bruno Keller", "EXECUTIVE", "b.keller@demo.example", "+41790000102", "assistant.keller@demo.example", "+41790000202"),
            new Vip("Chiara Rossi", "EXECUTIVE", "c.rossi@demo.example", "+41790000103", "assistant.rossi@demo.example", "+41790000203"),
            new Vip("Deniz Aydin", "CRITICAL_ROLE", "d.aydin@demo.example", "+41790000104", "assistant.aydin@demo.example", "+41790000204"),
            new Vip("Elena Novak", "CRITICAL_ROLE", "e.novak@demo.example", "+41790000105", "assistant.novak@demo.example", "+41790000205"));

    /** One ticket in this many is a call that came in overnight. */
    private static final int NIGHT_CALL_EVERY = 16;

    private final Api api;
    private final SplittableRandom random = new SplittableRandom(20261122);
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger mails = new AtomicInteger();
    private final AtomicInteger web = new AtomicInteger();
    private final AtomicInteger worked = new AtomicInteger();
    private final AtomicInteger night = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Set<String> opened = ConcurrentHashMap.newKeySet();

    private DemoDay(Platform platform) {
        this.api = platform.api();
    }

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Duration day = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 180);
        if (!new DemoDay(Platform.fromEnvironment()).run(tickets, day)) {
            System.exit(1);
        }
    }

    /** Whether every ticket was filed and the reports show them. */
    private boolean run(int tickets, Duration day) throws Exception {
        long started = System.nanoTime();
        DemoReport report = new DemoReport(api);
        Map<String, Long> before = report.totals();
        for (Vip v : VIPS) {
            Api.Answer a = api.post("vip-registry", "/api/vips", "vip-admin", Map.of("name", v.name(), "tier", v.tier(),
                    "title", "Board", "emails", List.of(v.email()), "phones", List.of(v.phone()),
                    "delegates", List.of(Map.of("name", "Assistant of " + v.name(), "emails", List.of(v.delegateEmail()),
                            "phones", List.of(v.delegatePhone()))), "reason", "demo day"));
            if (a.status() != 201 && a.status() != 409) { // 409: registered by an earlier demo
                throw new IllegalStateException("registering " + v.name() + ": " + a.status() + " " + a.body());
            }
        }
        System.out.printf("%d VIPs with assistants on the list; opening %,d tickets...%n", VIPS.size(), tickets);
        Thread.sleep(3_000); // the prioritizer reads the list from its topic

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        long every = day.toNanos() / tickets; // the day's arrivals squeezed into a few minutes
        long next = System.nanoTime();
        for (int i = 0; i < tickets; i++) {
            int n = i;
            long seed = random.nextLong();
            work.add(pool.submit(() -> ticket(n, new SplittableRandom(seed))));
            next += every;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
            if ((i + 1) % 250 == 0) {
                System.out.printf("  %,d opened (%d calls, %d emails, %d web), %d being worked%n", i + 1, calls.get(), mails.get(), web.get(), worked.get());
            }
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("Demo day done in %.0f s: %,d calls (%,d of them at night), %,d emails, %,d web tickets; %,d worked by agents.%n",
                (System.nanoTime() - started) / 1e9, calls.get(), night.get(), mails.get(), web.get(), worked.get());
        if (failed.get() > 0) {
            System.out.printf("%,d tickets could not be filed or worked (above).%n", failed.get());
            return false;
        }
        Map<String, Long> after = report.settledAfter(before, opened.size(), Duration.ofMinutes(2));
        System.out.print(DemoReport.table(before, after));
        return true;
    }

    /** One ticket's arrival, and what the desk then does with it. */
    private void ticket(int n, SplittableRandom r) {
        try {
            String impact = IMPACTS[pick(r, 3, 12, 45, 40)];
            String urgency = URGENCIES[pick(r, 5, 20, 45, 30)];
            String subject = SUBJECTS[r.nextInt(SUBJECTS.length)];
            Vip vip = r.nextInt(100) < 4 ? VIPS.get(r.nextInt(VIPS.size())) : null;
            int channel = r.nextInt(100);
            String id;
            if (n % NIGHT_CALL_EVERY == 0) {
                // The night's calls to the on-call line, filed when the desk was closed; the first, urgent, taken by nobody.
                boolean missed = n == 0;
                Instant called = whenTheDeskWasClosed(r).orElse(Instant.now().minus(Duration.ofHours(2)));
                night.incrementAndGet();
                id = call(n, r, missed ? "SIGNIFICANT" : impact, missed ? "HIGH" : urgency, subject, vip, called);
                if (missed) {
                    return;
                }
            } else if (channel < 45) {
                // Most callers are answered within a minute; a few waited half an hour or more in the queue.
                long waited = r.nextInt(100) < 3 ? 1800 + r.nextInt(3600) : 5 + r.nextInt(90);
                id = call(n, r, impact, urgency, subject, vip, Instant.now().minusSeconds(waited));
            } else if (channel < 80) {
                id = email(n, r, subject, vip);
            } else {
                id = webTicket(n, impact, urgency, subject, vip);
            }
            work(id, r);
        } catch (RuntimeException | AssertionError e) {
            failed.incrementAndGet();
            System.err.println("ticket " + n + ": " + e.getMessage());
        }
    }

    private String call(int n, SplittableRandom r, String impact, String urgency, String subject, Vip vip, Instant started) {
        long waited = Duration.between(started, Instant.now()).toSeconds();
        String caller = vip == null ? "+4144" + (1_000_000 + r.nextInt(8_000_000)) : r.nextBoolean() ? vip.phone() : vip.delegatePhone();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("callId", "demo-" + run + "-" + n, "callerNumber", caller,
                "dialedNumber", "+41445000000", "queue", "Service Desk", "startedAt", started.toString(),
                "answeredAt", started.plusSeconds(Math.min(waited, 5 + r.nextInt(60))).toString(), "subject", subject,
                "agentNotes", "Caller reports: " + subject.toLowerCase(), "impact", impact, "urgency", urgency));
        calls.incrementAndGet();
        return filed(Api.expect(201, api.post("ticket-intake", "/api/intake/phone", "intake", body)).json());
    }

    private String email(int n, SplittableRandom r, String subject, Vip vip) {
        String from = vip == null ? "user" + r.nextInt(5000) + "@demo.example" : r.nextBoolean() ? vip.email() : vip.delegateEmail();
        String messageId = "<demo-" + run + "-" + n + "@demo.example>";
        String mail = mail(from, messageId, null, subject, r.nextInt(10) == 0);
        mails.incrementAndGet();
        JsonNode created = Api.expect(201, send(mail)).json();
        if (r.nextInt(50) == 0) {
            send(mail); // the mail gateway delivers it twice: the same ticket, nothing new
        }
        return filed(created.path("ticket"));
    }

    private String webTicket(int n, String impact, String urgency, String subject, Vip vip) {
        String email = vip == null ? "web" + n + "@demo.example" : vip.email();
        web.incrementAndGet();
        return filed(Api.expect(201, api.post("ticket-intake", "/api/tickets", "intake", Map.of("requester",
                Map.of("name", vip == null ? "Web user " + n : vip.name(), "email", email), "subject", subject,
                "impact", impact, "urgency", urgency, "channel", "WEB"))).json());
    }

    /**
     * A moment of the last 18 hours (at least half an hour back) when the desk was closed: no business time passes in
     * the minute after it, as sla-monitor's {@code business-hours} calendar counts it. None for a desk open around the clock.
     */
    private Optional<Instant> whenTheDeskWasClosed(SplittableRandom r) {
        Instant now = Instant.now();
        for (int attempt = 0; attempt < 50; attempt++) {
            Instant moment = now.minusSeconds(1800 + r.nextLong(Duration.ofHours(18).minusMinutes(30).toSeconds()));
            JsonNode elapsed = Api.expect(200, api.post("sla-monitor", "/api/calendars/business-hours/elapsed", "manager",
                    Map.of("from", moment.toString(), "to", moment.plusSeconds(60).toString()))).json();
            if (Duration.parse(elapsed.path("businessTime").asText()).isZero()) {
                return Optional.of(moment);
            }
        }
        return Optional.empty();
    }

    /** The new ticket's id, counted for the reports to show. */
    private String filed(JsonNode ticket) {
        String id = ticket.path("id").asText();
        opened.add(id);
        return id;
    }

    /** Agents: most tickets taken; some waiting on the customer (half of whom answer); many resolved; a few reopened. */
    private void work(String id, SplittableRandom r) {
        if (r.nextInt(100) >= 75) {
            return; // still in the queue at the end of the day
        }
        worked.incrementAndGet();
        patch(id, Map.of("assignee", "agent-" + (1 + r.nextInt(12))));
        if (r.nextInt(100) < 85) {
            patch(id, Map.of("status", "IN_PROGRESS"));
        } else {
            return;
        }
        int fate = r.nextInt(100);
        if (fate < 12) {
            patch(id, Map.of("status", "PENDING_CUSTOMER"));
            if (r.nextBoolean()) {
                String number = Api.expect(200, api.get("ticket-intake", "/api/tickets/" + id, "agent")).json().path("number").asText();
                send(mail("customer@demo.example", "<demo-reply-" + run + "-" + id + "@demo.example>", null,
                        "Re: [" + number + "] here is the information you asked for", false));
            }
        } else if (fate < 60) {
            patch(id, Map.of("status", "RESOLVED"));
            int after = r.nextInt(100);
            if (after < 6) {
                patch(id, Map.of("status", "REOPENED"));
            } else if (after < 50) {
                patch(id, Map.of("status", "CLOSED"));
            }
        }
    }

    private void patch(String id, Map<String, Object> change) {
        Api.expect(200, api.patch("ticket-intake", "/api/tickets/" + id, "agent", change));
    }

    private Api.Answer send(String mail) {
        return api.send("POST", "ticket-intake", "/api/intake/email", "intake", "message/rfc822", mail);
    }

    private static String mail(String from, String messageId, String inReplyTo, String subject, boolean important) {
        return "From: " + from + "\r\nTo: servicedesk@demo.example\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId + "\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\n")
                + (important ? "Importance: high\r\n" : "")
                + "Date: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now()) + "\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + subject + ". Thanks for looking into it.\r\n";
    }

    /** An index drawn with the given weights. */
    private static int pick(SplittableRandom r, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
