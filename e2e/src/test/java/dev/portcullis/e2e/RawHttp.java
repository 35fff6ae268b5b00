package dev.portcullis.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, one request per connection ({@code Connection: close}), for the hostile-input sweep.
 * Hand-written on purpose: the JDK's {@code HttpClient} (like every well-kept client library) refuses to send what the
 * sweep must send — broken percent-escapes and raw non-ASCII bytes in the request target, a second
 * {@code Content-Length}, a body with a GET, methods it does not know. Everything on the wire is a "byte string":
 * a Java string whose chars are the bytes (ISO-8859-1), so {@code "\u00ff"} puts the byte 0xFF on the wire.
 */
final class RawHttp {

    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final Duration STREAM_PEEK = Duration.ofMillis(1500);

    private RawHttp() {
    }

    /** A request as it goes on the wire; {@code Host}, {@code Connection} and {@code Content-Length} are added unless present. */
    record Request(String method, String target, List<String[]> headers, byte[] body) {

        static Request of(String method, String target) {
            return new Request(method, target, List.of(), null);
        }

        Request header(String name, String value) {
            List<String[]> copy = new ArrayList<>(headers);
            copy.add(new String[] {name, value});
            return new Request(method, target, List.copyOf(copy), body);
        }

        Request headers(List<String[]> more) {
            List<String[]> copy = new ArrayList<>(headers);
            copy.addAll(more);
            return new Request(method, target, List.copyOf(copy), body);
        }

        Request without(String name) {
            return new Request(method, target, headers.stream().filter(h -> !h[0].equalsIgnoreCase(name)).toList(), body);
        }

        Request replace(String name, String value) {
            return without(name).header(name, value);
        }

        Request method(String newMethod) {
            return new Request(newMethod, target, headers, body);
        }

        Request target(String newTarget) {
            return new Request(method, newTarget, headers, body);
        }

        Request body(byte[] newBody) {
            return new Request(method, target, headers, newBody);
        }

        /** The body as a byte string (see the class comment). */
        Request body(String bytes) {
            return body(bytes == null ? null : bytes.getBytes(StandardCharsets.ISO_8859_1));
        }

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }
    }

    /** The answer; header names as sent. {@code streamed}: an event stream, of which only the start was read. */
    record Response(int status, List<String[]> headers, byte[] body, boolean streamed) {

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        List<String> headers(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        String contentType() {
            return header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Response send(int port, Request request, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            IOException writeFailure = null;
            try {
                out.write(head(port, request).getBytes(StandardCharsets.ISO_8859_1));
                if (request.body() != null) {
                    out.write(request.body());
                }
                out.flush();
            } catch (IOException e) {
                writeFailure = e; // the server may answer (413, 400) and close before the whole body is sent
            }
            try {
                return read(socket, request.method().equals("HEAD"));
            } catch (IOException e) {
                if (writeFailure != null) {
                    e.addSuppressed(writeFailure);
                }
                throw e;
            }
        }
    }

    private static String head(int port, Request request) {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        if (request.header("Host").isEmpty()) {
            head.append("Host: localhost:").append(port).append("\r\n");
        }
        if (request.header("Connection").isEmpty()) {
            head.append("Connection: close\r\n");
        }
        for (String[] header : request.headers()) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        if (request.body() != null && request.header("Content-Length").isEmpty() && request.header("Transfer-Encoding").isEmpty()) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static Response read(Socket socket, boolean head) throws IOException {
        InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
        while (true) {
            String statusLine;
            try {
                statusLine = line(in);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no status line within the timeout");
            }
            if (statusLine == null) {
                throw new IOException("the server closed the connection without an answer");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            List<String[]> headers = new ArrayList<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.add(colon < 0 ? new String[] {line, ""} : new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
            }
            if (status >= 100 && status < 200) {
                continue; // interim answer
            }
            Response bare = new Response(status, headers, new byte[0], false);
            if (head || status == 204 || status == 304) {
                return bare;
            }
            boolean stream = bare.contentType().startsWith("text/event-stream");
            if (stream) {
                socket.setSoTimeout((int) STREAM_PEEK.toMillis());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try {
                if (bare.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
                    readChunked(in, body, stream);
                } else if (bare.header("Content-Length").isPresent()) {
                    long length = Long.parseLong(bare.header("Content-Length").get().trim());
                    body.write(in.readNBytes((int) Math.min(length, MAX_BODY)));
                } else {
                    copy(in, body, stream);
                }
            } catch (SocketTimeoutException endOfPeek) {
                if (!stream) {
                    throw new SocketTimeoutException("answered " + status + " [" + bare.contentType() + "] "
                            + headers.stream().map(h -> h[0]).toList() + " but the body never ended; got "
                            + body.size() + " bytes");
                }
            }
            return new Response(status, headers, body.toByteArray(), stream);
        }
    }

    private static void readChunked(InputStream in, ByteArrayOutputStream body, boolean stream) throws IOException {
        while (body.size() < MAX_BODY) {
            String sizeLine = line(in);
            if (sizeLine == null) {
                return;
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                return;
            }
            body.write(in.readNBytes(size));
            line(in);
            if (stream && body.toString(StandardCharsets.UTF_8).contains("\n\n")) {
                return; // the first event of a stream is enough
            }
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream body, boolean stream) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0 && body.size() < MAX_BODY; n = in.read(buffer)) {
            body.write(buffer, 0, n);
            if (stream && body.toString(StandardCharsets.UTF_8).contains("\n\n")) {
                return;
            }
        }
    }

    /** One header line without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
            if (line.size() > 65536) {
                throw new IOException("header line too long");
            }
        }
    }
}
