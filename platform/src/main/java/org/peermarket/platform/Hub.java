package org.peermarket.platform;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WebSocket push on {@code /ws}: every connection receives public market data (trades, period
 * results); a connection opened with {@code ?token=} also receives its participant's fills and
 * bills. A bad token closes the connection (1008, policy violation).
 */
final class Hub implements Publisher {
    private final Exchange exchange;
    private final Map<WsContext, String> sessions = new ConcurrentHashMap<>();

    Hub(Exchange exchange) {
        this.exchange = exchange;
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            String token = ctx.queryParam("token");
            if (token == null) {
                sessions.put(ctx, "");
                return;
            }
            var p = exchange.authenticate(token);
            if (p.isEmpty()) {
                ctx.closeSession(1008, "unknown token");
                return;
            }
            sessions.put(ctx, p.get().id());
            send(ctx, Map.of("type", "hello", "participant", p.get().id()));
        });
        ws.onClose(ctx -> sessions.remove(ctx));
        ws.onError(ctx -> sessions.remove(ctx));
    }

    @Override
    public void publicEvent(Map<String, Object> event) {
        sessions.keySet().forEach(ctx -> send(ctx, event));
    }

    @Override
    public void privateEvent(String participant, Map<String, Object> event) {
        sessions.forEach((ctx, who) -> {
            if (who.equals(participant)) {
                send(ctx, event);
            }
        });
    }

    private void send(WsContext ctx, Map<String, Object> event) {
        String text = Json.write(event);
        synchronized (ctx) {
            try {
                if (ctx.session.isOpen()) {
                    ctx.send(text);
                }
            } catch (RuntimeException e) {
                sessions.remove(ctx);
            }
        }
    }
}
