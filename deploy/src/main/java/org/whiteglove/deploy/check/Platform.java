package org.whiteglove.deploy.check;

import org.whiteglove.infra.security.LocalJwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A platform started by {@code deploy/whiteglove up}: where its parts listen, how to sign a token for it,
 * and how to run the script against it (kill, start, ...). The benchmark, the fault suite, the demo and the
 * end-to-end tests all reach the platform through this one description.
 */
public final class Platform {

    public static final List<String> SERVICES =
            List.of("ticket-intake", "vip-registry", "prioritizer", "sla-monitor", "notifier", "reporting");

    private final Path root;
    private final Path home;
    private final int portBase;
    private final int kafkaPort;
    private final int pgPort;
    private final int smtpPort;
    private LocalJwt jwt;

    public Platform(Path root, Path home, int portBase, int kafkaPort, int pgPort, int smtpPort) {
        this.root = root.toAbsolutePath().normalize();
        this.home = home.toAbsolutePath().normalize();
        this.portBase = portBase;
        this.kafkaPort = kafkaPort;
        this.pgPort = pgPort;
        this.smtpPort = smtpPort;
    }

    /** The platform as deploy/whiteglove sees it from the same environment variables and defaults. */
    public static Platform fromEnvironment() {
        Map<String, String> env = System.getenv();
        Path root = Path.of(env.getOrDefault("WHITEGLOVE_ROOT", "."));
        return new Platform(root, Path.of(env.getOrDefault("WHITEGLOVE_HOME", root.resolve(".whiteglove").toString())),
                Integer.parseInt(env.getOrDefault("WHITEGLOVE_PORT_BASE", "8080")),
                Integer.parseInt(env.getOrDefault("WHITEGLOVE_KAFKA_PORT", "19092")),
                Integer.parseInt(env.getOrDefault("WHITEGLOVE_PG_PORT", "15432")),
                Integer.parseInt(env.getOrDefault("WHITEGLOVE_SMTP_PORT", "2525")));
    }

    public String url(String service) {
        int index = SERVICES.indexOf(service);
        if (index < 0) {
            throw new IllegalArgumentException("no service " + service);
        }
        return "http://127.0.0.1:" + (portBase + index + 1);
    }

    public String bootstrap() {
        return System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
    }

    public Connection database(String service) throws SQLException {
        String server = System.getenv().getOrDefault("WHITEGLOVE_DB_URL", "jdbc:postgresql://127.0.0.1:" + pgPort);
        return DriverManager.getConnection(server.replaceAll("/$", "") + "/" + service.replace('-', '_'),
                System.getenv().getOrDefault("WHITEGLOVE_DB_USER", "postgres"), System.getenv().getOrDefault("WHITEGLOVE_DB_PASSWORD", ""));
    }

    /** Where the local SMTP server writes what it receives (one .eml per mail). */
    public Path mailFolder() {
        return home.resolve("mail");
    }

    public Path home() {
        return home;
    }

    public synchronized String token(String role) {
        try {
            if (jwt == null) {
                jwt = LocalJwt.loadOrCreate(home.resolve("keys"));
            }
            return jwt.token(role, "check-" + role, Duration.ofHours(8));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a token with the platform's key in " + home.resolve("keys"), e);
        }
    }

    public Api api() {
        return new Api(this);
    }

    /** A pid `up` recorded for a part (kafka, postgres, smtp or a service), or -1 when it is not running. */
    public long pid(String part) {
        try {
            return Long.parseLong(java.nio.file.Files.readString(home.resolve("pids").resolve(part + ".pid")).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The PostgreSQL server's own pid (the launcher JVM is only its parent). */
    public long postgresServerPid() throws IOException {
        return Long.parseLong(java.nio.file.Files.readAllLines(home.resolve("data/postgres/postmaster.pid")).get(0).strip());
    }

    public record Run(int exit, String output) {
    }

    /** Runs deploy/whiteglove with this platform's settings. */
    public Run whiteglove(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("deploy/whiteglove").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("deploy/whiteglove " + String.join(" ", args) + " did not finish");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Runs deploy/whiteglove and fails with its output unless it succeeds. */
    public String whitegloveChecked(String... args) throws IOException, InterruptedException {
        Run run = whiteglove(args);
        if (run.exit() != 0) {
            throw new IllegalStateException("deploy/whiteglove " + String.join(" ", args) + " failed:\n" + run.output());
        }
        return run.output();
    }

    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("WHITEGLOVE_HOME", home.toString());
        env.put("WHITEGLOVE_PORT_BASE", String.valueOf(portBase));
        env.put("WHITEGLOVE_KAFKA_PORT", String.valueOf(kafkaPort));
        env.put("WHITEGLOVE_PG_PORT", String.valueOf(pgPort));
        env.put("WHITEGLOVE_SMTP_PORT", String.valueOf(smtpPort));
        return env;
    }
}
