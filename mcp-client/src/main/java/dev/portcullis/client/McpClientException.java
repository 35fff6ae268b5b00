package dev.portcullis.client;

/** Base of every failure the client reports; the message tells the user what happened and what to do. */
public class McpClientException extends RuntimeException {

    public McpClientException(String message) {
        super(message);
    }

    public McpClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
