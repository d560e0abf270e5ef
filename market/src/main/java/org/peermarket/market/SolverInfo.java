package org.peermarket.market;

/** Which solver ran, how many iterations it took and how long, and whether it was polished. */
public record SolverInfo(String name, long iterations, double seconds, boolean polished) {}
