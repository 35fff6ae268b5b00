package dev.portcullis.client;

/** A server answered something the specifications forbid; the message says what was expected and what was found. */
public class ServerMisconfiguredException extends McpClientException {

    public ServerMisconfiguredException(String message) {
        super(message);
    }

    public ServerMisconfiguredException(String message, Throwable cause) {
        super(message, cause);
    }
}
