/**
 * A pure-Java checker for the Kubernetes Pod Security Standards {@code restricted} profile (which includes
 * {@code baseline}), following kubernetes/pod-security-admission {@code policy/check_*.go} at version "latest".
 *
 * <p>
 * Entry point: {@link io.onramp.core.podsecurity.RestrictedPodSecurity}. Check identifiers are the PSA check IDs
 * ({@link io.onramp.core.podsecurity.PodSecurityCheck}); like PSA, the restricted level drops the baseline checks that
 * a stricter restricted check overrides (hostPathVolumes, capabilities_baseline, seccompProfile_baseline, procMount),
 * so one deviation yields violations of exactly one check.
 */
package io.onramp.core.podsecurity;
