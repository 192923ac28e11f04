package org.whiteglove.runtime.apikey;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The service's API keys, in schema {@value RuntimeSchema#SCHEMA} of its own database. */
@ApplicationScoped
public class ApiKeyStore {

    private static final String COLUMNS = "id, name, key_prefix, roles, created_by, created_at, revoked_at";
    private final AgroalDataSource dataSource;

    public ApiKeyStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ApiKey create(String name, Set<String> roles, String createdBy, String key) throws SQLException {
        ApiKey created = new ApiKey(UUID.randomUUID(), name, ApiKeys.displayPrefix(key), new TreeSet<>(roles),
                createdBy, Instant.now(), null);
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + RuntimeSchema.SCHEMA + ".api_key"
                     + " (id, name, key_prefix, key_hash, roles, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, created.id());
            insert.setString(2, name);
            insert.setString(3, created.prefix());
            insert.setString(4, ApiKeys.hash(key));
            insert.setArray(5, c.createArrayOf("text", roles.toArray()));
            insert.setString(6, createdBy);
            insert.setTimestamp(7, Timestamp.from(created.createdAt()));
            insert.executeUpdate();
        }
        return created;
    }

    /** The live (not revoked) key with this hash. */
    public Optional<ApiKey> findActiveByHash(String hash) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM " + RuntimeSchema.SCHEMA
                     + ".api_key WHERE key_hash = ? AND revoked_at IS NULL")) {
            select.setString(1, hash);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<ApiKey> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM " + RuntimeSchema.SCHEMA
                     + ".api_key ORDER BY created_at");
             ResultSet rs = select.executeQuery()) {
            List<ApiKey> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(read(rs));
            }
            return keys;
        }
    }

    /** Revokes a key; false when there is no live key with that id. */
    public boolean revoke(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE " + RuntimeSchema.SCHEMA
                     + ".api_key SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
            update.setObject(1, id);
            return update.executeUpdate() == 1;
        }
    }

    private static ApiKey read(ResultSet rs) throws SQLException {
        Array roles = rs.getArray("roles");
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("key_prefix"),
                new TreeSet<>(List.of((String[]) roles.getArray())), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }

    /** A key as listed: never the key itself. */
    public record ApiKey(UUID id, String name, String prefix, Set<String> roles, String createdBy,
                         Instant createdAt, Instant revokedAt) {
    }
}
