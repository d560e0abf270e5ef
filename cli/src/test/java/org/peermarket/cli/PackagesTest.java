package org.peermarket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packages of market and study point one way (docs/pipeline.md, "Packages"): each module's package graph, read
 * from its sources' imports and fully qualified names, has no cycle, and each package uses only packages of lower
 * layers (so market's root, the shared vocabulary, uses no sub-package, and no sub-package of study uses its
 * root, the entry points). Read from the sibling modules' sources: this module is built after all of them.
 */
class PackagesTest {
    /** A module's root package, its sources and its layers, lowest first. */
    record Module(String root, Path sources, List<List<String>> layers) {
        @Override
        public String toString() {
            return root;
        }
    }

    static final String MARKET = "org.peermarket.market";
    static final String STUDY = "org.peermarket.study";

    static List<Module> modules() {
        return List.of(
                new Module(MARKET, Path.of("../market/src/main/java"), List.of(
                        List.of(MARKET),
                        List.of(MARKET + ".solver"),
                        List.of(MARKET + ".dso", MARKET + ".p2p", MARKET + ".auction", MARKET + ".community",
                                MARKET + ".heat", MARKET + ".flex"),
                        List.of(MARKET + ".registry"))),
                new Module(STUDY, Path.of("../study/src/main/java"), List.of(
                        List.of(STUDY + ".files"),
                        List.of(STUDY + ".pipeline"),
                        List.of(STUDY + ".report"),
                        List.of(STUDY + ".sweep"),
                        List.of(STUDY))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void everyPackageIsReadAndHasItsLayer(Module m) {
        Set<String> read = graph(m.sources(), m.root()).keySet();
        List<String> named = m.layers().stream().flatMap(List::stream).toList();
        assertThat(read).as("the packages of %s (docs/pipeline.md, Packages)", m).containsExactlyInAnyOrderElementsOf(named);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void packagesUseOnlyLowerLayers(Module m) {
        Map<String, Integer> layer = new HashMap<>();
        for (int i = 0; i < m.layers().size(); i++) {
            for (String pkg : m.layers().get(i)) {
                layer.put(pkg, i);
            }
        }
        graph(m.sources(), m.root()).forEach((pkg, uses) -> {
            assertThat(layer).as("the layer of %s (docs/pipeline.md, Packages)", pkg).containsKey(pkg);
            for (String used : uses) {
                assertThat(layer.get(used)).as("%s uses %s", pkg, used).isLessThan(layer.get(pkg));
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void packagesFormNoCycle(Module m) {
        Map<String, Set<String>> g = graph(m.sources(), m.root());
        assertThat(cycle(g)).as("a cycle between packages in %s", g).isEmpty();
    }

    @Test
    void cycleFinderFindsACycle() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("a", Set.of("b"));
        g.put("b", Set.of("c", "d"));
        g.put("c", Set.of("a"));
        g.put("d", Set.of());
        assertThat(cycle(g)).containsExactly("a", "b", "c", "a");
        g.put("c", Set.of("d"));
        assertThat(cycle(g)).isEmpty();
        g.put("d", Set.of("d"));
        assertThat(cycle(g)).containsExactly("d", "d");
    }

    @Test
    void graphReadsImportsAndQualifiedNames() {
        String r = MARKET;
        Map<String, Set<String>> uses = new TreeMap<>();
        add(uses, r + ".x", String.join("\n",
                "package " + r + ".x;",
                "import " + r + ".y.A;",
                "import static " + r + ".z.B.f;",
                "class C { " + r + ".w.D d; // " + r + ".v.E",
                "  String s = \"" + r + ".u.F\"; /* " + r + ".t.G */ " + r + ".H h; }"), r);
        assertThat(uses.get(r + ".x")).containsExactlyInAnyOrder(r + ".y", r + ".z", r + ".w", r);
    }

    /** Each package of the module under root and the other packages of the module it uses. */
    static Map<String, Set<String>> graph(Path sources, String root) {
        Path dir = sources.resolve(root.replace('.', '/'));
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String source = Files.readString(f);
                Matcher pkg = PACKAGE.matcher(source);
                assertThat(pkg.find()).as("package line of %s", f).isTrue();
                add(uses, pkg.group(1), source, root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Set<String> targets : new ArrayList<>(uses.values())) {
            targets.forEach(t -> uses.computeIfAbsent(t, k -> new TreeSet<>()));
        }
        return uses;
    }

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern NOISE = Pattern.compile(
            "\"\"\"(?s:.*?)\"\"\"|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|//[^\\n]*|/\\*(?s:.*?)\\*/");

    static void add(Map<String, Set<String>> uses, String pkg, String source, String root) {
        Set<String> targets = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
        String code = NOISE.matcher(source).replaceAll(" ");
        Matcher m = Pattern.compile("(?<![\\w.])" + Pattern.quote(root) + "((?:\\.[a-z]\\w*)*)\\.[A-Z]")
                .matcher(code);
        while (m.find()) {
            String target = root + m.group(1);
            if (!target.equals(pkg)) {
                targets.add(target);
            }
        }
    }

    /** A cycle (first node repeated at the end), or empty when the graph is a DAG. */
    static List<String> cycle(Map<String, Set<String>> g) {
        Map<String, Integer> state = new HashMap<>();   // 1 on the path, 2 done
        for (String start : g.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            List<String> found = visit(start, g, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String n, Map<String, Set<String>> g, Map<String, Integer> state,
                                      Deque<String> path) {
        state.put(n, 1);
        path.addLast(n);
        for (String t : new TreeSet<>(g.getOrDefault(n, Set.of()))) {
            Integer s = state.get(t);
            if (s == null) {
                List<String> found = visit(t, g, state, path);
                if (!found.isEmpty()) {
                    return found;
                }
            } else if (s == 1) {
                List<String> onPath = new ArrayList<>(path);
                List<String> c = new ArrayList<>(onPath.subList(onPath.indexOf(t), onPath.size()));
                c.add(t);
                return c;
            }
        }
        path.removeLast();
        state.put(n, 2);
        return List.of();
    }
}
