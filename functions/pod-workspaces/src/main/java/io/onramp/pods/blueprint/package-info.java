/**
 * Everything Onramp creates in the cluster for one developer, and how to apply, pause and resume it.
 *
 * <ul>
 * <li>{@link io.onramp.pods.blueprint.NamespaceNames}: owner -> namespace name.</li>
 * <li>{@link io.onramp.pods.blueprint.NamespaceBlueprint#render}: a pure function from a
 * {@link io.onramp.pods.blueprint.BlueprintInput} and the {@link io.onramp.pods.blueprint.PodsConfig} to the list
 * of objects, in apply order.</li>
 * <li>{@link io.onramp.pods.blueprint.BlueprintApplier}: idempotent create-or-update of that list.</li>
 * <li>{@link io.onramp.pods.blueprint.WorkloadPauser}: scale to zero and back.</li>
 * </ul>
 *
 * The rendered list contains the code-server password in a Secret: never log rendered objects.
 */
package io.onramp.pods.blueprint;
