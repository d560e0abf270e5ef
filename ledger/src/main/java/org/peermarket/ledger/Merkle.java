package org.peermarket.ledger;

import java.util.ArrayList;
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

    /**
     * The same root kept up to date leaf by leaf: the roots of the perfect subtrees the leaves so
     * far split into, largest first. RFC 6962's left subtree is the largest power of two below
     * n, so the root is those roots folded from the right. Lets a checkpoint add only the
     * entries since the previous one instead of hashing the whole ledger again.
     */
    public static final class Frontier {
        private final List<byte[]> nodes = new ArrayList<>();
        private final List<Long> sizes = new ArrayList<>();
        private long count;

        public void addHash(String hexHash) {
            byte[] node = Hashes.sha256(LEAF, Hashes.unhex(hexHash));
            long size = 1;
            while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == size) {
                node = Hashes.sha256(NODE, nodes.remove(nodes.size() - 1), node);
                sizes.remove(sizes.size() - 1);
                size *= 2;
            }
            nodes.add(node);
            sizes.add(size);
            count++;
        }

        public long count() {
            return count;
        }

        /** Hex root of the leaves so far, as {@link #rootOfHashes} gives it. */
        public String root() {
            if (nodes.isEmpty()) {
                return Hashes.hex(Hashes.sha256());
            }
            byte[] acc = nodes.get(nodes.size() - 1);
            for (int i = nodes.size() - 2; i >= 0; i--) {
                acc = Hashes.sha256(NODE, nodes.get(i), acc);
            }
            return Hashes.hex(acc);
        }

        public Frontier copy() {
            Frontier f = new Frontier();
            f.nodes.addAll(nodes);
            f.sizes.addAll(sizes);
            f.count = count;
            return f;
        }
    }
}
