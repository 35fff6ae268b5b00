package dev.portcullis.e2e;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A held-open GET on the legacy HTTP+SSE transport of mcp-server ({@code /mcp/sse}): reads the {@code endpoint}
 * event that names the session's message URL, then keeps everything the server sends, so that the answers to
 * messages POSTed there can be looked for.
 */
final class McpEventStream implements AutoCloseable {

    private final Socket socket;
    private final StringBuffer received = new StringBuffer();
    private final Thread reader;
    private String endpoint;

    private McpEventStream(Socket socket) throws IOException {
        this.socket = socket;
        Reader in = new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(() -> {
            char[] buffer = new char[4096];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    received.append(buffer, 0, n);
                }
            } catch (IOException closed) {
                // the stream ends when we close the socket
            }
        }, "mcp-event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    static McpEventStream open(int port, String path, String accessToken) throws IOException, InterruptedException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        Writer out = new java.io.OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1);
        out.write("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer " + accessToken
                + "\r\nAccept: text/event-stream\r\n\r\n");
        out.flush();
        McpEventStream stream = new McpEventStream(socket);
        String marker = "data: " + path.substring(0, path.lastIndexOf('/')) + "/messages/";
        String line = stream.awaitLine(marker, Duration.ofSeconds(10));
        if (line == null) {
            String got = stream.received();
            stream.close();
            throw new IOException("no endpoint event on " + path + ": " + got);
        }
        stream.endpoint = line.substring("data: ".length()).trim();
        return stream;
    }

    /** The path messages of this session are POSTed to, e.g. {@code /mcp/messages/<session>}. */
    String endpoint() {
        return endpoint;
    }

    /** The first line received that contains the text, waiting up to the timeout; null if none came. */
    String awaitLine(String text, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        do {
            String all = received.toString();
            int at = all.indexOf(text);
            if (at >= 0) {
                int start = all.lastIndexOf('\n', at) + 1;
                int end = all.indexOf('\n', at);
                return all.substring(start, end < 0 ? all.length() : end).trim();
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        return null;
    }

    String received() {
        return received.toString();
    }

    boolean isOpen() {
        return reader.isAlive();
    }

    @Override
    public void close() {
        try {
            socket.close();
            reader.join(2000);
        } catch (IOException e) {
            // closing anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
