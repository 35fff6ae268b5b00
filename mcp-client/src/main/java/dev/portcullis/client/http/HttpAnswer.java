package dev.portcullis.client.http;

import java.util.List;

/** What the authorization policy reads of any HTTP answer, whichever client received it. */
public interface HttpAnswer {

    int status();

    /** The values of a header, by case-insensitive name; empty when absent. */
    List<String> headers(String name);
}
