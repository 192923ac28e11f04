package org.whiteglove.deploy;

import org.whiteglove.events.Topics;
import org.whiteglove.infra.kafka.KafkaBroker;
import org.whiteglove.infra.postgres.PostgresServer;
import org.whiteglove.infra.security.LocalJwt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The Java half of {@code deploy/whiteglove}: what a shell script should not do by hand. Each
 * subcommand prints one clear line on failure and exits non-zero; none prints a stack trace at a user.
 */
public final class LauncherTool {

    private LauncherTool() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            fail("usage: LauncherTool kafka|postgres|topics|databases|keys|token|check-ports|wait-ready|health ...");
        }
        List<String> rest = List.of(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "kafka" -> runKafka(rest);
                case "postgres" -> runPostgres(rest);
                case "smtp" -> runSmtp(rest);
                case "topics" -> KafkaBroker.createTopics(arg(rest, 0), Topics.ALL);
                case "databases" -> createDatabases(rest);
                case "keys" -> LocalJwt.loadOrCreate(Path.of(arg(rest, 0)));
                case "token" -> token(rest);
                case "check-ports" -> checkPorts(rest);
                case "wait-ready" -> waitReady(rest);
                case "health" -> health(rest);
                default -> fail("unknown subcommand " + args[0]);
            }
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        } catch (Exception | LinkageError e) {
            fail(args[0] + " failed: " + e);
        }
    }

    /** kafka DATA_DIR PORT CONTROLLER_PORT: runs the broker until the process is told to stop. */
    private static void runKafka(List<String> a) throws Exception {
        KafkaBroker broker = KafkaBroker.start(Path.of(arg(a, 0)), port(arg(a, 1)), port(arg(a, 2)));
        broker.createTopics(Topics.ALL);
        System.out.println("READY kafka " + broker.bootstrapServers());
        blockUntilStopped(broker::close);
    }

    /** postgres DATA_DIR BINARIES_DIR PORT DB...: runs PostgreSQL with one database per service. */
    private static void runPostgres(List<String> a) throws Exception {
        PostgresServer server = PostgresServer.start(Path.of(arg(a, 0)), Path.of(arg(a, 1)), port(arg(a, 2)));
        for (String database : a.subList(3, a.size())) {
            server.createDatabase(database);
        }
        System.out.println("READY postgres " + server.jdbcUrl(""));
        blockUntilStopped(server::close);
    }

    /**
     * smtp PORT MAIL_DIR: a local SMTP server (GreenMail) so the notifier's emails go somewhere on a laptop;
     * every mail it receives is written to MAIL_DIR as an .eml file any mail client opens.
     */
    private static int existingMails(Path dir) {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+\\.eml"))
                    .mapToInt(n -> Integer.parseInt(n.substring(0, n.length() - 4))).max().orElse(0);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static void runSmtp(List<String> a) throws Exception {
        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
                new com.icegreen.greenmail.util.ServerSetup(port(arg(a, 0)), "127.0.0.1", "smtp"));
        smtp.start();
        Path dir = Path.of(arg(a, 1));
        java.nio.file.Files.createDirectories(dir);
        Thread writer = new Thread(() -> {
            // GreenMail keeps every mail in memory: each one is written to its file and then dropped from the
            // mailbox, so a long bench or demo cannot fill the heap. Numbered after the files already there.
            int[] written = {existingMails(dir)};
            while (true) {
                try {
                    var imap = smtp.getManagers().getImapHostManager();
                    for (var user : smtp.getUserManager().listUser()) {
                        var inbox = imap.getInbox(user);
                        // A snapshot (the folder's list is live: iterating it while mail arrives threw, and the
                        // mails written before the throw were written again next time), each one flagged as soon
                        // as it is written, and what was flagged expunged even if a later one fails.
                        boolean any = false;
                        try {
                            for (var message : new ArrayList<>(inbox.getMessages())) {
                                written[0]++;
                                try (var out = java.nio.file.Files.newOutputStream(dir.resolve(String.format("%06d.eml", written[0])))) {
                                    message.getMimeMessage().writeTo(out);
                                }
                                message.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
                                any = true;
                            }
                        } finally {
                            if (any) {
                                inbox.expunge();
                            }
                        }
                    }
                } catch (Exception e) {
                    System.err.println("cannot write the received mails (trying again): " + e);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "smtp-mail-writer");
        writer.setDaemon(true);
        writer.start();
        System.out.println("READY smtp 127.0.0.1:" + arg(a, 0) + " → " + dir);
        blockUntilStopped(smtp::stop);
    }

    /** databases SERVER_URL USER PASSWORD DB...: one database per service on an external server. */
    private static void createDatabases(List<String> a) throws Exception {
        String server = arg(a, 0).replaceAll("/+$", "");
        for (String database : a.subList(3, a.size())) {
            PostgresServer.createDatabase(server + "/postgres", arg(a, 1), arg(a, 2), database);
        }
    }

    /** token KEYS_DIR ROLE [SUBJECT]: a bearer token valid for eight hours, a working day. */
    private static void token(List<String> a) throws Exception {
        LocalJwt jwt = LocalJwt.loadOrCreate(Path.of(arg(a, 0)));
        String role = arg(a, 1);
        String subject = a.size() > 2 ? a.get(2) : "local-" + role;
        System.out.println(jwt.token(role, subject, Duration.ofHours(8)));
    }

    /** check-ports NAME=PORT...: fails on the first port something else already listens on. */
    private static void checkPorts(List<String> a) {
        for (String pair : a) {
            String[] nameAndPort = pair.split("=", 2);
            int port = port(nameAndPort[1]);
            if (!free(port)) {
                fail("port " + port + " is already in use (needed by " + nameAndPort[0]
                        + "); stop what listens there or choose other ports (see deploy/whiteglove help)");
            }
        }
    }

    private static boolean free(int port) {
        for (InetAddress address : new InetAddress[] {InetAddress.getLoopbackAddress(), null}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** wait-ready TIMEOUT_SECONDS NAME=URL...: waits until every readiness URL answers 200. */
    private static void waitReady(List<String> a) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(arg(a, 0))).toNanos();
        Map<String, String> pending = targets(a.subList(1, a.size()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (!pending.isEmpty()) {
            pending.entrySet().removeIf(e -> status(http, e.getValue()) == 200);
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                fail("not ready in time: " + String.join(", ", pending.keySet()));
            }
            Thread.sleep(500);
        }
    }

    /** health NAME=URL...: one line per target, UP or DOWN, for {@code status}. */
    private static void health(List<String> a) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        targets(a).forEach((name, url) -> {
            int code = status(http, url);
            System.out.println(name + " " + (code == 200 ? "UP" : code < 0 ? "DOWN (no answer)" : "DOWN (HTTP " + code + ")"));
        });
    }

    private static Map<String, String> targets(List<String> pairs) {
        Map<String, String> targets = new LinkedHashMap<>();
        for (String pair : pairs) {
            String[] nameAndUrl = pair.split("=", 2);
            targets.put(nameAndUrl[0], nameAndUrl[1]);
        }
        return targets;
    }

    private static int status(HttpClient http, String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private interface Stopper {
        void stop() throws Exception;
    }

    /** Keeps the process alive; SIGTERM (from {@code down}) runs the stopper, then the JVM exits. */
    private static void blockUntilStopped(Stopper stopper) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stopper.stop();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "whiteglove-stop"));
        stopped.await();
    }

    private static String arg(List<String> a, int index) {
        if (a.size() <= index) {
            throw new IllegalArgumentException("missing argument " + (index + 1));
        }
        return a.get(index);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number: " + text);
        }
    }

    private static void fail(String message) {
        System.err.println("whiteglove: " + message);
        System.exit(1);
    }

}
