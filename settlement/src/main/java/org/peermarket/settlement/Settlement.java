package org.peermarket.settlement;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The payments of one run and the accounts they move (markets.md §8, docs/settlement.md). Every
 * transaction is double entry, in whole cents: what one account pays another receives, so the
 * accounts sum to zero by construction and {@link #check()} verifies it. What rounding each
 * amount to the cent changed is kept per account as its rounding residual (exact minus
 * billed) and reported, never folded into a bill.
 */
public final class Settlement {
    private final List<Actor> actors;
    private final List<Transaction> transactions;
    /** Per account, summed in one pass over the transactions (a year has millions of them). */
    private final Map<Actor, Account> accounts = new HashMap<>();

    /** One account's sums: net cents, exact net, and cents and kWh per transaction type. */
    private static final class Account {
        long net;
        double exact;
        final Map<TransactionType, long[]> cents = new EnumMap<>(TransactionType.class);
        final Map<TransactionType, double[]> kwh = new EnumMap<>(TransactionType.class);

        void add(Transaction t, boolean pays) {
            // exact: a sum beyond a long's cents throws instead of wrapping round
            net = pays ? Math.subtractExact(net, t.cents()) : Math.addExact(net, t.cents());
            exact += pays ? -t.exact() : t.exact();
            long[] c = cents.computeIfAbsent(t.type(), k -> new long[2]);
            int side = pays ? 0 : 1;
            c[side] = Math.addExact(c[side], t.cents());
        }

        void addQuantity(Transaction t) {
            kwh.computeIfAbsent(t.type(), k -> new double[1])[0] += t.quantity();
        }
    }

    public Settlement(List<Actor> actors, List<Transaction> transactions) {
        this.actors = List.copyOf(actors);
        this.transactions = List.copyOf(transactions);
        for (Transaction t : this.transactions) {
            Account payer = accounts.computeIfAbsent(t.payer(), k -> new Account());
            Account payee = accounts.computeIfAbsent(t.payee(), k -> new Account());
            payer.add(t, true);
            payee.add(t, false);
            payer.addQuantity(t);
            if (payee != payer) {
                payee.addQuantity(t);
            }
        }
    }

    public List<Actor> actors() {
        return actors;
    }

    public List<Transaction> transactions() {
        return transactions;
    }

    private Account account(Actor a) {
        return accounts.getOrDefault(a, new Account());
    }

    /** Cents the actor received minus cents it paid. */
    public long net(Actor a) {
        return account(a).net;
    }

    /** The same net before rounding, in currency. */
    public double exactNet(Actor a) {
        return account(a).exact;
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
        Set<Actor> held = new HashSet<>(actors);
        for (Transaction t : transactions) {
            if (!held.contains(t.payer()) || !held.contains(t.payee())) {
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
        Account acc = account(a);
        List<BillLine> lines = new ArrayList<>();
        acc.cents.forEach((type, c) -> lines.add(new BillLine(a, type, acc.kwh.get(type)[0], c[0], c[1])));
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

    @Override
    public boolean equals(Object o) {
        return o instanceof Settlement other && actors.equals(other.actors) && transactions.equals(other.transactions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(actors, transactions);
    }

    @Override
    public String toString() {
        return "Settlement[actors=" + actors + ", transactions=" + transactions + "]";
    }

    /** One line of a bill: kWh and cents paid and received for one transaction type. */
    public record BillLine(Actor actor, TransactionType type, double quantity, long paid, long received) {
        public long net() {
            return Math.subtractExact(received, paid);
        }
    }
}
