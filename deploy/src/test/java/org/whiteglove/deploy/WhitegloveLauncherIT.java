package org.whiteglove.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code deploy/whiteglove} as a person would: up, every service ready and answering an
 * authenticated request, status, down, and nothing left running. It uses its own state folder and
 * ports, so a platform someone already runs on this machine is not touched.
 */
class WhitegloveLauncherIT {

    private static final List<String> SERVICES =
            List.of("ticket-intake", "vip-registry", "prioritizer", "sla-monitor", "notifier", "reporting");
    private static final Path REPO = Path.of(System.getProperty("whiteglove.repo", "..")).toAbsolutePath().normalize();
    private static final Path HOME = Path.of(System.getProperty("whiteglove.it.home", "target/it-platform")).toAbsolutePath();
    /** Services listen on PORT_BASE+1..PORT_BASE+6. */
    private static final int PORT_BASE = TestPlatforms.freeRange(6, 18081) - 1;
    private static final int KAFKA_PORT = TestPlatforms.freeRange(2, 29092);
    private static final int PG_PORT = TestPlatforms.freeRange(1, 25432);
    private static final int SMTP_PORT = TestPlatforms.freeRange(1, 22525);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void up_brings_every_service_to_ready_and_down_leaves_nothing_running() throws Exception {
        // A port someone else holds: one clear line naming it, and nothing started.
        int taken = PORT_BASE + 3;
        try (ServerSocket ignored = new ServerSocket(taken, 50, InetAddress.getLoopbackAddress())) {
            Run blocked = whiteglove("up");
            assertNotEquals(0, blocked.exit());
            assertTrue(blocked.output().contains("port " + taken + " is already in use (needed by prioritizer)"), blocked.output());
            assertFalse(blocked.output().contains("Exception") || blocked.output().contains("\tat "), blocked.output());
            assertTrue(ownPids().isEmpty(), "nothing may start when a port is taken");
        }

        Run up = whiteglove("up");
        assertEquals(0, up.exit(), up.output());
        assertTrue(up.output().contains("Whiteglove is up"), up.output());

        String ops = whiteglove("token", "ops").output().strip();
        for (int i = 0; i < SERVICES.size(); i++) {
            String base = "http://127.0.0.1:" + (PORT_BASE + i + 1);
            HttpResponse<String> ready = get(base + "/q/health/ready", null);
            assertEquals(200, ready.statusCode(), SERVICES.get(i) + ": " + ready.body());
            assertTrue(ready.body().contains("\"UP\""), ready.body());
            assertEquals(200, get(base + "/api/api-keys", ops).statusCode(), SERVICES.get(i) + " refused a valid token");
            assertEquals(401, get(base + "/api/api-keys", null).statusCode(), SERVICES.get(i) + " let an anonymous caller in");
        }

        Run again = whiteglove("up");
        assertEquals(0, again.exit());
        assertTrue(again.output().contains("already running"), again.output());

        Run status = whiteglove("status");
        for (String service : SERVICES) {
            assertTrue(status.output().lines().anyMatch(l -> l.contains(service) && l.contains("UP")), status.output());
        }

        List<Long> started = ownPids();
        assertEquals(9, started.size(), "kafka, postgres, smtp and six services: " + started);
        Run down = whiteglove("down");
        assertEquals(0, down.exit(), down.output());
        for (long pid : started) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "still running: " + pid);
        }
        for (int port : List.of(KAFKA_PORT, KAFKA_PORT + 1, PG_PORT, PORT_BASE + 1, PORT_BASE + 6)) {
            assertFalse(listening(port), "something still listens on " + port);
        }
        assertTrue(whiteglove("status").output().contains("not running"));
    }

    @AfterAll
    static void stopWhateverIsLeft() throws Exception {
        whiteglove("down");
    }

    private record Run(int exit, String output) {
    }

    private static Run whiteglove(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", REPO.resolve("deploy/whiteglove").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("WHITEGLOVE_HOME", HOME.toString());
        env.put("WHITEGLOVE_PORT_BASE", String.valueOf(PORT_BASE));
        env.put("WHITEGLOVE_KAFKA_PORT", String.valueOf(KAFKA_PORT));
        env.put("WHITEGLOVE_PG_PORT", String.valueOf(PG_PORT));
        env.put("WHITEGLOVE_SMTP_PORT", String.valueOf(SMTP_PORT));
        env.remove("WHITEGLOVE_SMTP_HOST");
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.remove("WHITEGLOVE_DB_URL");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("deploy/whiteglove " + String.join(" ", args) + " did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println("$ deploy/whiteglove " + String.join(" ", args) + "\n" + text);
        return new Run(process.exitValue(), text);
    }

    /** The pids `up` recorded, plus the PostgreSQL server's own. */
    private static List<Long> ownPids() throws IOException {
        List<Long> pids = new ArrayList<>();
        Path dir = HOME.resolve("pids");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    pids.add(Long.parseLong(Files.readString(file).strip()));
                }
            }
        }
        return pids;
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
