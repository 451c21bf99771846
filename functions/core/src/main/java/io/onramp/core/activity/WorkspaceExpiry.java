package io.onramp.core.activity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.Outcome;
import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.error.OnrampException;
import io.onramp.core.event.WorkspaceEvents;
import io.onramp.core.page.Page;
import io.onramp.core.page.PageRequest;
import io.onramp.core.schedule.DutiesConfig;
import io.onramp.core.schedule.Duty;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.workspace.DesiredState;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceEngine;
import io.onramp.core.workspace.WorkspaceFilter;
import io.onramp.core.workspace.WorkspaceState;

/**
 * Deletes workspaces that stayed paused for {@code onramp.expiry.after-paused}, off unless enabled. A pause is
 * counted from the moment its generation was last written (never earlier than the real pause); once it has lasted
 * {@code after-paused - warning}, the owner gets an {@value SelfCare#EXPIRY_WARNING} event naming the date; the
 * workspace is deleted when the pause has lasted {@code after-paused} and the warning is at least {@code warning}
 * old. Any change of the workspace (a resume, even if paused again) starts over, warning included. It only records
 * the desired state; the job queue, served by the pods and VMs groups, does the deleting.
 */
@ApplicationScoped
public class WorkspaceExpiry implements Duty {

    public static final String NAME = "workspaces.expiry";
    private static final Logger LOG = Logger.getLogger(WorkspaceExpiry.class);

    private final WorkspaceEngine engine;
    private final ActivityStore store;
    private final WorkspaceEvents events;
    private final AuditLog audit;
    private final ExpiryConfig config;
    private final DutiesConfig duties;

    public WorkspaceExpiry(WorkspaceEngine engine, ActivityStore store, WorkspaceEvents events, AuditLog audit,
            ExpiryConfig config, DutiesConfig duties) {
        this.engine = engine;
        this.store = store;
        this.events = events;
        this.audit = audit;
        this.config = config;
        this.duties = duties;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionGroup group() {
        return FunctionGroup.GATEWAY;
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(10);
    }

    @Override
    public boolean enabledByDefault() {
        return config.enabled();
    }

    /** {@code onramp.duties."workspaces.expiry".enabled} if set, else {@code onramp.expiry.enabled}. */
    public boolean enabled() {
        DutiesConfig.DutySettings settings = duties.duty().get(NAME);
        return settings != null && settings.enabled().isPresent() ? settings.enabled().get() : config.enabled();
    }

    private enum Step {
        WARNED,
        DELETE
    }

    @Override
    public DutyReport run(Instant now) {
        if (!enabled()) {
            return new DutyReport(NAME, 0, 0, List.of("expiry is disabled"));
        }
        Duration after = config.afterPaused();
        Duration warning = config.warning().isNegative() ? Duration.ZERO : config.warning();
        if (after.isZero() || after.isNegative()) {
            return new DutyReport(NAME, 0, 0, List.of("onramp.expiry.after-paused must be positive; nothing done"));
        }
        List<Workspace> paused = paused();
        List<String> notes = new ArrayList<>();
        int acted = 0;
        for (Workspace w : paused) {
            try {
                Optional<Step> step = store.update(w.id(), now, current -> {
                    ActivityRecord r = current.inPeriod(w.generation(), w.updatedAt().isAfter(now) ? now : w.updatedAt());
                    Duration pausedFor = Duration.between(r.periodSince(), now);
                    if (r.warnedFor(w.generation())) {
                        boolean due = atLeast(pausedFor, after) && atLeast(Duration.between(r.expiryWarnedAt(), now), warning);
                        return new ActivityStore.Outcome<>(r, due ? Step.DELETE : null);
                    }
                    if (atLeast(pausedFor, after.minus(warning))) {
                        warn(w, r.periodSince(), latest(r.periodSince().plus(after), now.plus(warning)));
                        return new ActivityStore.Outcome<>(r.warned(w.generation(), now), Step.WARNED);
                    }
                    return new ActivityStore.Outcome<>(r, null);
                });
                if (step.isPresent() && step.get() == Step.WARNED) {
                    acted++;
                    notes.add("warned " + w.id() + " of " + w.owner());
                } else if (step.isPresent() && step.get() == Step.DELETE && delete(w)) {
                    acted++;
                    notes.add("deleted " + w.id() + " of " + w.owner());
                }
            } catch (OnrampException e) {
                LOG.warnf("Duty %s: workspace %s: %s", NAME, w.id(), e.getMessage());
                notes.add("skipped " + w.id() + ": " + e.code());
            }
        }
        return new DutyReport(NAME, paused.size(), acted, notes);
    }

    /** Written before the warning is marked as given: a workspace is never deleted on a warning nobody could see. */
    private void warn(Workspace w, Instant pausedSince, Instant deleteAt) {
        String on = deleteAt.truncatedTo(ChronoUnit.MINUTES).toString();
        events.record(SelfCare.SOURCE, SelfCare.EXPIRY_WARNING, w.id(), w.owner(), "Paused since "
                + pausedSince.truncatedTo(ChronoUnit.MINUTES) + ": this workspace and its files will be deleted on or after "
                + on + " unless you resume it.");
        audit.record(SelfCare.actor(NAME), "warnExpiry", w.id().toString(), Outcome.SUCCESS, "deletion on or after " + on);
    }

    private boolean delete(Workspace w) {
        Optional<Workspace> deleting = engine.changeIfAt(w.id(), w.generation(), DesiredState.DELETED);
        if (deleting.isEmpty()) {
            return false; // resumed or changed meanwhile, or another run got there first
        }
        events.record(SelfCare.SOURCE, SelfCare.EXPIRED, w.id(), w.owner(),
                "Deleted after staying paused for longer than " + readable(config.afterPaused()) + ".");
        audit.record(SelfCare.actor(NAME), "deleteWorkspace", w.id().toString(), Outcome.SUCCESS,
                "paused longer than " + readable(config.afterPaused()) + ", now " + deleting.get().state());
        return true;
    }

    private List<Workspace> paused() {
        List<Workspace> out = new ArrayList<>();
        String after = null;
        do {
            Page<Workspace> page = engine.list(new WorkspaceFilter(null, WorkspaceState.PAUSED, null, false,
                    PageRequest.of(PageRequest.MAX_SIZE, after)));
            // Coder-linked workspaces follow Coder's own dormancy and deletion; Coder would otherwise still list them
            page.items().stream().filter(w -> w.desiredState() == DesiredState.PAUSED && w.coderWorkspaceId() == null)
                    .forEach(out::add);
            after = page.hasNextPage() ? page.endCursor() : null;
        } while (after != null);
        return out;
    }

    private static boolean atLeast(Duration d, Duration min) {
        return d.compareTo(min) >= 0;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static String readable(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        return d.toMinutes() + " minutes";
    }
}
