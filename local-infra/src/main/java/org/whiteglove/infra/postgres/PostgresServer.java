package org.whiteglove.infra.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from the binaries zonky ships as a Maven artifact. As root it runs them in
 * a user namespace, since PostgreSQL refuses to run as root. Local mode only: it trusts connections
 * from 127.0.0.1 and listens nowhere else.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final int port;

    private PostgresServer(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /**
     * Starts a server on {@code port} whose data lives in {@code dataDir} (kept across restarts);
     * binaries are unpacked once into {@code binariesDir}.
     */
    public static PostgresServer start(Path dataDir, Path binariesDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        // zonky cannot resume a half-finished unpack (a killed or out-of-memory first start): start it afresh.
        Path unpacked = binariesDir.resolve(".unpacked");
        if (Files.isDirectory(binariesDir) && !Files.exists(unpacked)) {
            deleteTree(binariesDir);
        }
        Files.createDirectories(binariesDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binariesDir.toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "128MB")
                // Local durability is kept: an accepted ticket must survive a crash here too. zonky starts the server
                // with -F (fsync off) by default; this later setting wins and turns it back on.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // Statement statistics (CREATE EXTENSION pg_stat_statements to read them): what each query costs.
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                // Fewer checkpoints, so far fewer full-page images: with the defaults (1 GB, 5 min) a timer burst wrote
                // ~85,000 of them (~0.7 GB of WAL); with these ~6,000. Crash recovery replays more WAL in exchange.
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "15min")
                .start();
        if (!Files.exists(unpacked)) {
            Files.createFile(unpacked);
        }
        return new PostgresServer(postgres, port);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates {@code name} unless it exists; one database per service. */
    public void createDatabase(String name) throws SQLException {
        createDatabase(jdbcUrl("postgres"), USER, "", name);
    }

    /** Creates a database on any reachable server (the embedded one or an external one). */
    public static void createDatabase(String adminJdbcUrl, String user, String password, String name) throws SQLException {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = java.sql.DriverManager.getConnection(adminJdbcUrl, user, password);
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
