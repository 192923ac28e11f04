package org.whiteglove.infra.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where tests get Kafka and PostgreSQL from: the embedded ones (default on machines without Docker)
 * or Testcontainers. System property {@code whiteglove.infra} = {@code auto} (default),
 * {@code embedded} or {@code testcontainers} forces a choice.
 */
public enum InfraMode {
    EMBEDDED, TESTCONTAINERS;

    public static final String PROPERTY = "whiteglove.infra";

    public static InfraMode current() {
        String wanted = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "embedded" -> EMBEDDED;
            case "testcontainers" -> TESTCONTAINERS;
            case "auto" -> dockerAvailable() ? TESTCONTAINERS : EMBEDDED;
            default -> throw new IllegalArgumentException(PROPERTY + " must be auto, embedded or testcontainers, not " + wanted);
        };
    }

    /** Asks Testcontainers only when a Docker endpoint could exist, so machines without one pay nothing. */
    static boolean dockerAvailable() {
        boolean endpointHinted = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        if (!endpointHinted) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
