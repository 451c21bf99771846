package io.onramp.pods.blueprint;

/** Which IDE Onramp provisions in the developer's namespace. */
public enum Ide {
    /** A code-server Deployment, Service and Ingress rendered by Onramp. */
    CODE_SERVER,
    /** No IDE objects: Coder brings its own agent pod into the namespace. */
    NONE
}
