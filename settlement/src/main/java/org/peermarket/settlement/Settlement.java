package org.peermarket.settlement;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payments of one run and the accounts they move (markets.md §8, docs/settlement.md). Every
 * transaction is double entry, in whole cents: what one account pays another receives, so the
 * accounts sum to zero by construction and {@link #check()} verifies it. What rounding each
 * amount to the cent changed is kept per account as its rounding residual (exact minus
 * billed) and reported, never folded into a bill.
 */
public record Settlement(List<Actor> actors, List<Transaction> transactions) {

    public Settlement {
        actors = List.copyOf(actors);
        transactions = List.copyOf(transactions);
    }

    /** Cents the actor received minus cents it paid. */
    public long net(Actor a) {
        long sum = 0;
        for (Transaction t : transactions) {
            // exact: a sum beyond a long's cents throws instead of wrapping round
            if (t.payee().equals(a)) {
                sum = Math.addExact(sum, t.cents());
            }
            if (t.payer().equals(a)) {
                sum = Math.subtractExact(sum, t.cents());
            }
        }
        return sum;
    }

    /** The same net before rounding, in currency. */
    public double exactNet(Actor a) {
        double sum = 0;
        for (Transaction t : transactions) {
            if (t.payee().equals(a)) {
                sum += t.exact();
            }
            if (t.payer().equals(a)) {
                sum -= t.exact();
            }
        }
        return sum;
    }

    /** Exact minus billed, in currency: what rounding to the cent moved on this account. */
    public double roundingResidual(Actor a) {
        return exactNet(a) - net(a) / 100.0;
    }

    /** Sum of every account's net in cents; zero for a balanced settlement. */
    public long systemTotal() {
        long sum = 0;
        for (Actor a : actors) {
            sum = Math.addExact(sum, net(a));
        }
        return sum;
    }

    /**
     * Throws unless every transaction's payer and payee hold accounts, each account's net equals
     * the sum of its bill lines and all accounts sum to zero cents.
     */
    public Settlement check() {
        for (Transaction t : transactions) {
            if (!actors.contains(t.payer()) || !actors.contains(t.payee())) {
                throw new IllegalStateException("transaction between actors without accounts: " + t);
            }
        }
        for (Actor a : actors) {
            long lines = bill(a).stream().mapToLong(BillLine::net).reduce(0, Math::addExact);
            if (lines != net(a)) {
                throw new IllegalStateException("bill of " + a.id() + " does not add up: " + lines + " != " + net(a));
            }
        }
        if (systemTotal() != 0) {
            throw new IllegalStateException("accounts do not sum to zero: " + Money.format(systemTotal()));
        }
        return this;
    }

    /** One line per transaction type the actor took part in, in type order. */
    public List<BillLine> bill(Actor a) {
        Map<TransactionType, long[]> cents = new EnumMap<>(TransactionType.class);
        Map<TransactionType, double[]> kwh = new EnumMap<>(TransactionType.class);
        for (Transaction t : transactions) {
            boolean pays = t.payer().equals(a);
            boolean gets = t.payee().equals(a);
            if (!pays && !gets) {
                continue;
            }
            long[] c = cents.computeIfAbsent(t.type(), k -> new long[2]);
            kwh.computeIfAbsent(t.type(), k -> new double[1])[0] += t.quantity();
            if (pays) {
                c[0] = Math.addExact(c[0], t.cents());
            }
            if (gets) {
                c[1] = Math.addExact(c[1], t.cents());
            }
        }
        List<BillLine> lines = new ArrayList<>();
        cents.forEach((type, c) -> lines.add(new BillLine(a, type, kwh.get(type)[0], c[0], c[1])));
        return lines;
    }

    /** Bills of every actor, in account order. */
    public Map<Actor, List<BillLine>> bills() {
        Map<Actor, List<BillLine>> out = new LinkedHashMap<>();
        for (Actor a : actors) {
            out.put(a, bill(a));
        }
        return out;
    }

    /** One line of a bill: kWh and cents paid and received for one transaction type. */
    public record BillLine(Actor actor, TransactionType type, double quantity, long paid, long received) {
        public long net() {
            return Math.subtractExact(received, paid);
        }
    }
}
