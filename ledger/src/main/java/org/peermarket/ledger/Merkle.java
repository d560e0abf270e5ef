package org.peermarket.ledger;

import java.util.List;

/**
 * Merkle tree hash of RFC 6962 (section 2.1): leaf = SHA-256(0x00 || data), node =
 * SHA-256(0x01 || left || right), the left subtree holding the largest power of two below n
 * leaves. No leaf is duplicated, so no two different lists share a root; the domain bytes keep
 * leaves and nodes apart. The root of no leaves is SHA-256 of nothing.
 */
public final class Merkle {
    private static final byte[] LEAF = {0};
    private static final byte[] NODE = {1};

    private Merkle() {}

    public static byte[] root(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return Hashes.sha256();
        }
        return subtree(leaves, 0, leaves.size());
    }

    /** Hex root over the hex entry hashes, each leaf being the 32 hash bytes. */
    public static String rootOfHashes(List<String> hexHashes) {
        return Hashes.hex(root(hexHashes.stream().map(Hashes::unhex).toList()));
    }

    private static byte[] subtree(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return Hashes.sha256(LEAF, leaves.get(from));
        }
        int k = Integer.highestOneBit(n - 1);
        return Hashes.sha256(NODE, subtree(leaves, from, from + k), subtree(leaves, from + k, to));
    }
}
