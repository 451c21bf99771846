package io.onramp.pods.blueprint;

/** Workspace size: quota, code-server resources and home volume (see {@link PodsConfig.Sizes}). */
public enum Size {
    SMALL,
    MEDIUM,
    LARGE
}
