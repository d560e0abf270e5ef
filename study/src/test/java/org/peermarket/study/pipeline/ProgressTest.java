package org.peermarket.study.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void drawsTheBarWithTheStepsDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.to(out, "clearing test", 24, "periods", 0)) {
            for (int i = 0; i < 24; i++) {
                p.step();
            }
            p.message("done");
        }
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("clearing test", "100%", "24/24", "periods", "done");
    }

    @Test
    void showsNothingBeforeTheDelayNorWhenNotOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = Progress.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), "quick", 3, "periods", 60_000)) {
            p.step(3);
        }
        assertThat(bytes.size()).isZero();
        // the test JVM has no console: every bar is the silent one
        assertThat(Progress.shown()).isFalse();
        assertThat(Progress.start("x", 10, "steps")).isSameAs(Progress.NONE);
        Progress.setQuiet(true);
        assertThat(Progress.start("x", 10, "steps")).isSameAs(Progress.NONE);
        Progress.setQuiet(false);
    }
}
