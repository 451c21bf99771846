package io.onramp.exoscale.simulator;

/**
 * One request the simulator received.
 *
 * @param method  HTTP method
 * @param zone    zone taken from the URL
 * @param path    path below {@code /v2}, e.g. {@code /instance/6f1c...:stop}
 * @param pattern the same with resource ids replaced by {@code {id}}, e.g. {@code /instance/{id}:stop}
 * @param status  status answered, or -1 when the connection was dropped
 */
public record Call(String method, String zone, String path, String pattern, int status) {
}
