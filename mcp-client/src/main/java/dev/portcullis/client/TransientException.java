package dev.portcullis.client;

/** A network failure, timeout or 5xx answer: trying again later may succeed. */
public class TransientException extends McpClientException {

    public TransientException(String message) {
        super(message);
    }

    public TransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
