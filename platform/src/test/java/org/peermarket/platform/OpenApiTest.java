package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route the server registers is in /openapi.json with the same roles, and every documented route exists. */
class OpenApiTest {
    private static final Set<HandlerType> VERBS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE,
            HandlerType.PATCH);

    @Test
    void routesAndDocumentAgree(@TempDir Path dir) throws Exception {
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), new TestClock(Instant.EPOCH))) {
            ApiClient anyone = new ApiClient("http://127.0.0.1:" + server.port(), "x", null, null);
            ApiClient.Reply r = anyone.get("/openapi.json");
            assertThat(r.status()).isEqualTo(200);
            JsonNode doc = r.json();
            assertThat(doc.get("openapi").asText()).startsWith("3.");

            Set<String> documented = new TreeSet<>();
            Map<String, Set<String>> documentedRoles = new HashMap<>();
            doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                String key = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                documented.add(key);
                Set<String> roles = new TreeSet<>();
                op.getValue().get("x-roles").forEach(x -> roles.add(x.asText()));
                documentedRoles.put(key, roles);
            }));

            Set<String> registered = server.app().unsafe.internalRouter.allHttpHandlers().stream()
                    .map(e -> e.endpoint).filter(e -> VERBS.contains(e.method))
                    .map(e -> e.method.name() + " " + e.path).collect(Collectors.toCollection(TreeSet::new));
            assertThat(registered).isEqualTo(documented);
            assertThat(new TreeSet<>(server.routes())).isEqualTo(registered);

            for (Api.Route route : new Api(server.exchange(), new RateLimiter(1, 1), null, null).routes()) {
                String key = route.method().name() + " " + route.path();
                Set<String> roles = Arrays.stream(route.roles()).map(Role::label).collect(Collectors.toCollection(TreeSet::new));
                assertThat(documentedRoles.get(key)).as(key).isEqualTo(roles);
            }
        }
    }
}
