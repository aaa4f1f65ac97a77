package dev.herald.protocol;

import java.util.List;

/**
 * What the protocol reads of an HTTP request, whichever server received it: each server (Netty,
 * a Servlet container) adapts its own request to this view. Header values are as the server
 * decoded them (ISO-8859-1 for the bytes of HTTP/1.1 and HTTP/2 alike).
 */
public interface HubRequest {

    /** The first value of header {@code name} (case-insensitive), or null. */
    String header(String name);

    /** Every value of header {@code name} (case-insensitive), in order; empty when absent. */
    List<String> headers(String name);

    /** True when the request came over TLS: the hub URL is then {@code https://}. */
    boolean secure();
}
