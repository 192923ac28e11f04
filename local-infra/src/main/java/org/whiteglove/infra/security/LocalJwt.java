package org.whiteglove.infra.security;

import io.smallrye.jwt.build.Jwt;
import org.whiteglove.events.Roles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * The local signing key pair and the bearer tokens signed with it. Local mode only: a production
 * deployment points the services at its identity provider's public key instead.
 */
public final class LocalJwt {

    public static final String ISSUER = "https://whiteglove.local";
    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private LocalJwt(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the key pair kept in {@code dir}, creating it on first use. */
    public static synchronized LocalJwt loadOrCreate(Path dir) throws IOException, GeneralSecurityException {
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path tmpPublic = Files.createTempFile(dir, "pub", ".tmp");
            Path tmpPrivate = Files.createTempFile(dir, "key", ".tmp");
            Files.writeString(tmpPublic, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(tmpPrivate, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            restrictToOwner(tmpPrivate);
            // Public first: a reader that finds the private key always finds its public half.
            Files.move(tmpPublic, publicFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpPrivate, privateFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        byte[] der = Base64.getMimeDecoder().decode(Files.readString(privateFile)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").strip());
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        return new LocalJwt(key, publicFile);
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A bearer token for {@code role}, valid for {@code ttl}. */
    public String token(String role, String subject, Duration ttl) {
        if (!Roles.ALL.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "'; roles are " + String.join(", ", Roles.ALL));
        }
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .expiresIn(ttl)
                .sign(privateKey);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's own permissions apply.
        }
    }
}
