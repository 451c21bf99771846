package io.onramp.core.audit;

import java.util.function.Supplier;

import io.onramp.core.auth.Caller;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;

/** Runs an access check and writes a refusal (FORBIDDEN) to the audit log before passing it on. */
public final class AuditedAccess {

    private AuditedAccess() {
    }

    public static <T> T check(AuditLog audit, Caller caller, String operation, String target, Supplier<T> rule) {
        try {
            return rule.get();
        } catch (OnrampException e) {
            if (e.code() == ErrorCode.FORBIDDEN) {
                audit.record(caller, operation, target, Outcome.DENIED, e.getMessage());
            }
            throw e;
        }
    }
}
