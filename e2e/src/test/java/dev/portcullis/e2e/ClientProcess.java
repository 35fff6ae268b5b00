package dev.portcullis.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The packaged {@code mcp-client} command run as its own process, as {@code bin/mcp-client} runs it. */
final class ClientProcess {

    private final Path jar;
    private final Map<String, String> env;

    ClientProcess(Path jar, Map<String, String> env) {
        this.jar = jar;
        this.env = env;
    }

    /** A running command whose standard output can be read line by line while it runs. */
    final class Run {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
        private final StringBuilder stderr = new StringBuilder();

        private Run(Process process) {
            this.process = process;
            pump(process.getInputStream(), line -> {
                all.add(line);
                lines.add(line);
            });
            pump(process.getErrorStream(), line -> {
                synchronized (stderr) {
                    stderr.append(line).append('\n');
                }
            });
        }

        /** Waits for the first output line that satisfies the predicate. */
        String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && wanted.test(line)) {
                    return line;
                }
                if (line == null && !process.isAlive() && lines.isEmpty()) {
                    break;
                }
            }
            throw new AssertionError("expected output line not seen; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
        }

        /** The operating system's id of the process. */
        long pid() {
            return process.pid();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        Result await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("client did not finish in " + timeout + "; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
            }
            Thread.sleep(50); // let the pumps drain
            return new Result(process.exitValue(), stdout(), stderr());
        }

        String stdout() {
            synchronized (all) {
                return String.join("\n", all);
            }
        }

        String stderr() {
            synchronized (stderr) {
                return stderr.toString();
            }
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    Run start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.environment().remove("DISPLAY"); // never try to open a real browser from a test
        return new Run(builder.start());
    }

    Result run(String... args) throws Exception {
        return start(args).await(Duration.ofSeconds(60));
    }

    private static void pump(java.io.InputStream stream, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        thread.setDaemon(true);
        thread.start();
    }
}
