package dev.portcullis.client.cli;

import dev.portcullis.client.fake.FakeServersTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.client.fake.TestBrowser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged command line as a separate process: interactive login, then a new process that uses the record. */
class CommandLineIT extends FakeServersTest {



    Process launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PORTCULLIS_HOME", home.toString());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        return builder.start();
    }

    @Test
    void loginPrintsTheUrlAloneOnALineThenTheSummary_andALaterProcessUsesTheStoredRecord() throws Exception {
        Process login = launch("login", mcp.url().toString(), "--scope", "mcp:tools");
        BufferedReader out = new BufferedReader(new InputStreamReader(login.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertTrue(first != null && first.startsWith(as.issuer() + "/authorize?"), String.valueOf(first));
        TestBrowser browser = new TestBrowser();
        browser.accept(URI.create(first));
        String summary = out.readLine();
        assertTrue(login.waitFor(20, TimeUnit.SECONDS), "login exits promptly");
        String errors = new String(login.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, login.exitValue(), errors);
        assertEquals("Signed in to " + mcp.url() + " as client client-1; scopes: mcp:tools offline_access", summary);
        assertEquals(null, out.readLine());
        try (var files = Files.list(home)) {
            assertEquals(1, files.count());
        }

        as.revokeAccessTokens(); // the next process must refresh from the file, without a browser
        Process call = launch("call", mcp.url().toString(), "echo", "message=from a new process");
        assertTrue(call.waitFor(20, TimeUnit.SECONDS), "call exits promptly");
        String output = new String(call.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String callErrors = new String(call.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, call.exitValue(), callErrors);
        assertEquals("from a new process\n", output);
        assertEquals("", callErrors);
        assertEquals(1, as.refreshCount.get());
    }
}
