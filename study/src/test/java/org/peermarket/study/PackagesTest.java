package org.peermarket.study;

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

/**
 * The module's packages point one way (docs/pipeline.md, "Packages"): the package graph, read
 * from the sources' imports and fully qualified names, has no cycle, and no sub-package uses the
 * root package (the entry points: Runner, Examples); each package uses only packages of lower layers.
 */
class PackagesTest {
    static final String ROOT = "org.peermarket.study";
    static final Path SOURCES = Path.of("src/main/java");
    /** The layers of docs/pipeline.md, lowest first: a package uses only packages of lower layers. */
    static final List<List<String>> LAYERS = List.of(
            List.of(ROOT + ".files"),
            List.of(ROOT + ".pipeline"),
            List.of(ROOT + ".report"),
            List.of(ROOT + ".sweep"),
            List.of(ROOT));

    @Test
    void everySubPackageIsRead() {
        assertThat(graph(SOURCES, ROOT).keySet()).contains(ROOT,
                ROOT + ".pipeline", ROOT + ".files", ROOT + ".report", ROOT + ".sweep");
    }

    @Test
    void packagesUseOnlyLowerLayers() {
        Map<String, Integer> layer = new HashMap<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String pkg : LAYERS.get(i)) {
                layer.put(pkg, i);
            }
        }
        graph(SOURCES, ROOT).forEach((pkg, uses) -> {
            assertThat(layer).as("the layer of %s (docs/pipeline.md, Packages)", pkg).containsKey(pkg);
            for (String used : uses) {
                assertThat(layer.get(used)).as("%s uses %s", pkg, used).isLessThan(layer.get(pkg));
            }
        });
    }

    @Test
    void packagesFormNoCycle() {
        Map<String, Set<String>> g = graph(SOURCES, ROOT);
        assertThat(cycle(g)).as("a cycle between packages in %s", g).isEmpty();
    }

    @Test
    void noSubPackageUsesTheRoot() {
        Map<String, Set<String>> g = graph(SOURCES, ROOT);
        g.forEach((pkg, uses) -> assertThat(uses).as("what %s uses", pkg).doesNotContain(ROOT));
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
        Map<String, Set<String>> uses = new TreeMap<>();
        add(uses, ROOT + ".x", String.join("\n",
                "package " + ROOT + ".x;",
                "import " + ROOT + ".y.A;",
                "import static " + ROOT + ".z.B.f;",
                "class C { " + ROOT + ".w.D d; // " + ROOT + ".v.E",
                "  String s = \"" + ROOT + ".u.F\"; /* " + ROOT + ".t.G */ " + ROOT + ".H h; }"), ROOT);
        assertThat(uses.get(ROOT + ".x"))
                .containsExactlyInAnyOrder(ROOT + ".y", ROOT + ".z", ROOT + ".w", ROOT);
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
