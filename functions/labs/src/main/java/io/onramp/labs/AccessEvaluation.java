package io.onramp.labs;

/**
 * How {@code access} checks are answered.
 *
 * <ul>
 * <li>{@link #AUTO} (default): the structural evaluation when the API server is the Onramp sandbox (whose
 * SubjectAccessReviews always answer "allowed", content/README.md section 9.1), else a SubjectAccessReview, falling
 * back to the structural evaluation when the review cannot be created (403/404).</li>
 * <li>{@link #SUBJECT_ACCESS_REVIEW}: always ask the API server ({@code authorization.k8s.io/v1}); needs
 * {@code create subjectaccessreviews} for Onramp's own service account.</li>
 * <li>{@link #STRUCTURAL}: always evaluate RBAC from the namespace's RoleBindings and Roles (and ClusterRoles the
 * grader can read).</li>
 * </ul>
 */
public enum AccessEvaluation {
    AUTO, SUBJECT_ACCESS_REVIEW, STRUCTURAL
}
