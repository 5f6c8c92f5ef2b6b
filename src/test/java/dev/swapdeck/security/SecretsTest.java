package dev.swapdeck.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.SecurityConfig;
import dev.swapdeck.config.CommandLine;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.testing.TestModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void secretFlagValuesAreMaskedInBothSpellings() {
        assertEquals(List.of("llama-server", "--api-key", "***", "--hf-token=***", "--port", "8080", "--apikey", "***",
                        "--max-num-batched-tokens", "8192"),
                Secrets.redactArguments(List.of("llama-server", "--api-key", "sk-1", "--hf-token=hf_x", "--port", "8080",
                        "--apikey", "k", "--max-num-batched-tokens", "8192")));
    }

    @Test
    void llamaCppsShortHfTokenFlagIsMaskedInArgumentsAndInFreeText() {
        List<String> command = List.of("llama-server", "-hf", "org/repo", "-hft", "hf_shortflag1", "-hft=hf_shortflag2");
        assertEquals("llama-server -hf org/repo -hft *** -hft=***", Secrets.commandLine(command));
        SwapdeckConfig config = TestModels.config(TestModels.model("m").cmd(command).build());
        assertEquals("tokens *** and *** leaked",
                Secrets.of(config).redact("tokens hf_shortflag1 and hf_shortflag2 leaked"));
    }

    @Test
    void environmentEntriesInACommandAreMaskedByNameAndKnownForFreeText() {
        List<String> docker = List.of("docker", "run", "-e", "HUGGING_FACE_HUB_TOKEN=hf_dockerenv1",
                "--env=OPENAI_API_KEY=sk-dockerenv2", "--env", "MY_SECRET=dockerenv3", "-e", "CUDA_VISIBLE_DEVICES=0",
                "image", "--override-kv", "tokenizer.ggml.add_bos_token=bool:false");
        assertEquals("docker run -e HUGGING_FACE_HUB_TOKEN=*** --env=OPENAI_API_KEY=*** --env MY_SECRET=*** "
                        + "-e CUDA_VISIBLE_DEVICES=0 image --override-kv tokenizer.ggml.add_bos_token=bool:false",
                Secrets.commandLine(docker));
        List<String> script = List.of("/bin/sh", "-c", "env HF_TOKEN=hf_scriptenv4 python3 up.py --port 9");
        assertEquals("/bin/sh -c 'env HF_TOKEN=*** python3 up.py --port 9'", Secrets.commandLine(script));
        SwapdeckConfig config = TestModels.config(TestModels.model("a").cmd(docker).build(),
                TestModels.model("b").cmd(script).build());
        assertEquals("*** *** *** *** on port 0 bool:false",
                Secrets.of(config).redact("hf_dockerenv1 sk-dockerenv2 dockerenv3 hf_scriptenv4 on port 0 bool:false"));
    }

    /** /running and /api/models show cmd this way: it must read back as the same arguments. */
    @Test
    void aCommandLineSplitsBackIntoItsArguments() {
        List<String> args = List.of("/opt/My Tools/llama-server", "--alias", "it's", "-p", "say \"hi\"", "--dir",
                "C:\\models", "", "#not-a-comment", "--kv", "{\"a\":1}", "--port", "8080");
        String line = Secrets.commandLine(args);
        assertEquals("'/opt/My Tools/llama-server' --alias 'it'\\''s' -p 'say \"hi\"' --dir 'C:\\models' '' "
                + "'#not-a-comment' --kv '{\"a\":1}' --port 8080", line);
        assertEquals(args, CommandLine.split(line));
    }

    @Test
    void environmentEntriesNamedLikeSecretsAreMasked() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HF_TOKEN", "hf_x");
        env.put("OPENAI_API_KEY", "sk");
        env.put("DB_PASSWORD", "p");
        env.put("CUDA_VISIBLE_DEVICES", "0");
        assertEquals(Map.of("HF_TOKEN", "***", "OPENAI_API_KEY", "***", "DB_PASSWORD", "***",
                "CUDA_VISIBLE_DEVICES", "0"), Secrets.redactEnvironment(env));
    }

    @Test
    void aConfigurationsSecretValuesAreMaskedInAnyText() {
        SwapdeckConfig base = TestModels.config(TestModels.model("m")
                .cmd(List.of("server", "--api-key", "sk-upstream-123")).env("SOME_SECRET", "s3cr3t-value").build());
        SwapdeckConfig config = new SwapdeckConfig(base.source(), base.models(), base.profiles(), base.aliases(),
                base.healthCheckTimeout(), base.logLevel(), base.startPort(), base.preload(), base.warnings(), base.extras(),
                SecurityConfig.defaults().withApiKeys(List.of("sk-client-456")), base.routing(),
                base.memory());
        Secrets secrets = Secrets.of(config);
        String shown = secrets.redact("got sk-upstream-123, s3cr3t-value and sk-client-456; port 8080");
        assertEquals("got ***, *** and ***; port 8080", shown);
        assertFalse(Secrets.none().redact("sk-upstream-123").contains("***"));
        assertTrue(Secrets.isSecretName("hf_token"));
    }

    @Test
    void aFlagInsideAShellScriptOrARecordedCommandLineIsMaskedToo() {
        List<String> command = List.of("/bin/sh", "-c", "exec llama-server --port 8080 --api-key shsecret42 & wait");
        assertEquals("/bin/sh -c 'exec llama-server --port 8080 --api-key *** & wait'", Secrets.commandLine(command));
        assertEquals("python3 up.py --api-key=*** --port 9", Secrets.commandText("python3 up.py --api-key=rec45 --port 9"));
        SwapdeckConfig config = TestModels.config(TestModels.model("m").cmd(command).build());
        assertEquals("key *** leaked", Secrets.of(config).redact("key shsecret42 leaked"),
                "the script's secret is known for free text too, and the script itself is not");
    }

    /**
     * A script quotes its key or ends its command right after it: the server prints {@code sk-QUOTED123},
     * not {@code 'sk-QUOTED123'}, so the value learned is what the shell passes on (security audit: the
     * key was in clear in the server's output, the 502 of a failed start and {@code lastError}).
     */
    @Test
    void aKeyAScriptQuotesOrEndsACommandWithIsMaskedInWhatTheServerPrints() {
        List<String> command = List.of("/bin/sh", "-c",
                "exec python3 up.py --port 9 --api-key 'sk-QUOTED123' --hf-token \"hf_DOUBLE99\"");
        List<String> ended = List.of("/bin/sh", "-c", "echo args --api-key sk-SEMIKKKK; exit 1");
        SwapdeckConfig config = TestModels.config(TestModels.model("a").cmd(command).build(),
                TestModels.model("b").cmd(ended).build());
        Secrets secrets = Secrets.of(config);
        assertEquals("command line: up.py --port 9 --api-key *** --hf-token ***",
                secrets.redact("command line: up.py --port 9 --api-key sk-QUOTED123 --hf-token hf_DOUBLE99"));
        assertEquals("last output: args --api-key ***", secrets.redact("last output: args --api-key sk-SEMIKKKK"));
        assertEquals("/bin/sh -c 'echo args --api-key ***; exit 1'", Secrets.commandLine(ended),
                "the shown script still ends its command where it does");
    }
}
