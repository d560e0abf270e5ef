package org.peermarket.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.peermarket.ledger.Signatures;

/**
 * The platform's Ed25519 server key (docs/ledger.md#server-signatures), kept in the data
 * directory whatever the database: {@code server.key} (the private half, base64 PKCS#8, owner
 * only) and {@code server.pub} (the public half, base64 X.509). Created on first start, read
 * back on every later one.
 */
final class ServerKey {
    static final String PRIVATE_FILE = "server.key";
    static final String PUBLIC_FILE = "server.pub";

    private ServerKey() {}

    static KeyPair loadOrCreate(Path dataDir) throws IOException {
        Path priv = dataDir.resolve(PRIVATE_FILE);
        Path pub = dataDir.resolve(PUBLIC_FILE);
        if (!Files.exists(priv) && !Files.exists(pub)) {
            KeyPair key = Signatures.newKeyPair();
            PlatformServer.writePrivate(priv, Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()) + "\n");
            Files.writeString(pub, Signatures.encode(key.getPublic()) + "\n");
            return key;
        }
        if (!Files.exists(priv) || !Files.exists(pub)) {
            throw new IllegalStateException("the server key needs both " + priv + " and " + pub + "; one of them is missing");
        }
        KeyPair key = new KeyPair(Signatures.decodePublicKey(Files.readString(pub).trim()), privateKey(priv));
        if (!Signatures.verify(key.getPublic(), "probe", Signatures.sign(key.getPrivate(), "probe"))) {
            throw new IllegalStateException(pub + " is not the public half of " + priv);
        }
        return key;
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        try {
            byte[] der = Base64.getDecoder().decode(Files.readString(file).trim());
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not a base64 PKCS#8 Ed25519 private key", e);
        }
    }
}
