package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTailTest {
    @Test
    void keepsTheLastLinesWithoutTerminalEscapes() {
        OutputTail tail = new OutputTail();
        for (int i = 0; i < 30; i++) {
            tail.add("line " + i);
        }
        tail.add("\u001B[31merror:\u001B[0m model file missing");
        tail.add("   ");
        assertEquals(OutputTail.LINES, tail.lines().size());
        assertEquals(List.of("line 28", "line 29", "error: model file missing"), tail.lastSaying(3));
        assertEquals("last output: line 28 | line 29 | error: model file missing", tail.describe());
    }

    @Test
    void aProgressBarsFramesTakeOneLineNotTheWholeTail() {
        OutputTail tail = new OutputTail();
        tail.add("error: cannot reach huggingface.co, retrying");
        for (int i = 0; i < 30; i++) {
            tail.add("downloading " + i + "%", true);
        }
        tail.add("model.gguf: no such file");
        assertEquals(List.of("error: cannot reach huggingface.co, retrying", "downloading 29%", "model.gguf: no such file"),
                tail.lines());
    }

    @Test
    void aJavaStackTraceIsDescribedByItsMessageNotItsLastFrame() {
        OutputTail tail = new OutputTail();
        tail.add("Exception in thread \"main\" java.net.BindException: Address already in use");
        tail.add("\tat java.base/sun.nio.ch.Net.bind0(Native Method)");
        tail.add("\tat dev.swapdeck.demo.DemoUpstream.main(DemoUpstream.java:48)");
        tail.add("\t... 2 more");
        assertEquals("last output: Exception in thread \"main\" java.net.BindException: Address already in use",
                tail.describe());
    }

    @Test
    void aServerThatSaysWhyAndThenPrintsItsWayOutIsDescribedByWhy() {
        OutputTail missingModel = new OutputTail();
        missingModel.add("main: loading model");
        missingModel.add("srv    load_model: loading model '/models/none.gguf'");
        missingModel.add("gguf_init_from_file: failed to open GGUF file '/models/none.gguf'");
        missingModel.add("llama_model_load: error loading model: llama_model_loader: failed to load model");
        missingModel.add("main: exiting due to model loading error");
        missingModel.add("terminate called without an active exception");
        assertEquals("first error in its output: gguf_init_from_file: failed to open GGUF file '/models/none.gguf'; "
                + "last output: llama_model_load: error loading model: llama_model_loader: failed to load model"
                + " | main: exiting due to model loading error | terminate called without an active exception",
                missingModel.describe());

        OutputTail busyPort = new OutputTail();
        busyPort.add("main: couldn't bind HTTP server socket, hostname: 127.0.0.1, port: 16555");
        busyPort.add("srv    operator(): operator(): cleaning up before exit...");
        assertEquals("last output: main: couldn't bind HTTP server socket, hostname: 127.0.0.1, port: 16555"
                + " | srv    operator(): operator(): cleaning up before exit...", busyPort.describe(),
                "an error among the last lines is not quoted twice");
    }

    /** Past {@link OutputTail#LINES} lines the tail cannot know which error came first, and does not say so. */
    @Test
    void anErrorKeptAfterOlderLinesWereDroppedIsNotCalledTheFirst() {
        OutputTail tail = new OutputTail();
        for (int i = 1; i <= 30; i++) {
            tail.add("error line " + i);
        }
        tail.add("bye");
        assertEquals("earliest error of its last 20 lines: error line 12; last output: error line 29 | error line 30 | bye",
                tail.describe());
    }

    @Test
    void saysSoWhenThereWasNoOutput() {
        assertEquals("no output", new OutputTail().describe());
    }
}
