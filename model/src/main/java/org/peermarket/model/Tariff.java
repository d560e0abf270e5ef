package org.peermarket.model;

/**
 * The retailer's tariff of a scenario ({@code tariff: {retail, feed_in}}), per kWh inside: a
 * peer buys from the retailer at {@code retail} and sells to it at {@code feedIn}, one value or
 * one per period. retail >= feed_in in every period (otherwise buying and reselling would earn
 * money); the parser enforces it.
 */
public record Tariff(PeriodValues retail, PeriodValues feedIn) {}
