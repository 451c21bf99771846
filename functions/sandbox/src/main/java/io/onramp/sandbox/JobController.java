package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Job -> pods that complete at once: {@code spec.completions} (default 1) Succeeded pods, then status succeeded =
 * completions with the conditions SuccessCriteriaMet and Complete. Suspended and finished jobs are left alone. Jobs
 * without a selector get the API server's defaults (controller-uid selector and labels).
 */
final class JobController {

  static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  static final String JOB_NAME = "batch.kubernetes.io/job-name";

  int reconcile(ControllerContext ctx) {
    List<Job> jobs = ctx.client.batch().v1().jobs().inAnyNamespace().list().getItems();
    List<Pod> pods = ctx.pods();
    int before = ctx.writes();
    ctx.each("job-controller", jobs, j -> reconcile(ctx, j, pods));
    return ctx.writes() - before;
  }

  private void reconcile(ControllerContext ctx, Job job, List<Pod> allPods) {
    if (ControllerContext.terminating(job) || Boolean.TRUE.equals(job.getSpec().getSuspend()) || finished(job)) {
      return;
    }
    defaultSelector(job);
    int completions = job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
    List<Pod> owned = Owners.controlledBy(job, allPods);
    int succeeded = (int) owned.stream().filter(PodFactory::hasSucceeded).count();
    Map<String, String> labels = jobLabels(job);
    for (int i = succeeded; i < completions; i++) {
      ctx.create(PodFactory.fromTemplate(job.getSpec().getTemplate(), job.getMetadata().getNamespace(),
          job.getMetadata().getName() + "-" + ControllerContext.randomSuffix(), Owners.controllerRef(job), labels,
          ctx, true));
      succeeded++;
    }
    String now = Simulated.now();
    JobStatus previous = job.getStatus();
    String start = previous != null && previous.getStartTime() != null ? previous.getStartTime() : now;
    JobStatus status = new JobStatusBuilder()
        .withStartTime(start)
        .withCompletionTime(now)
        .withActive(0)
        .withReady(0)
        .withTerminating(0)
        .withSucceeded(succeeded)
        .withNewUncountedTerminatedPods().endUncountedTerminatedPods()
        .withConditions(
            condition("SuccessCriteriaMet", "CompletionsReached", now),
            condition("Complete", "CompletionsReached", now))
        .build();
    job.setStatus(status);
    Simulated.mark(job.getMetadata());
    ctx.update(job);
  }

  static boolean finished(Job job) {
    return job.getStatus() != null && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream().anyMatch(c -> ("Complete".equals(c.getType())
            || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
  }

  /** Sets the selector and template labels the API server would add (written with the status). */
  private static boolean defaultSelector(Job job) {
    if (job.getSpec().getSelector() != null) {
      return false;
    }
    String uid = job.getMetadata().getUid();
    job.getSpec().setSelector(new LabelSelectorBuilder().addToMatchLabels(CONTROLLER_UID, uid).build());
    ObjectMeta templateMetadata = job.getSpec().getTemplate().getMetadata();
    if (templateMetadata == null) {
      templateMetadata = new ObjectMeta();
      job.getSpec().getTemplate().setMetadata(templateMetadata);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (templateMetadata.getLabels() != null) {
      labels.putAll(templateMetadata.getLabels());
    }
    labels.putAll(jobLabels(job));
    templateMetadata.setLabels(labels);
    return true;
  }

  private static Map<String, String> jobLabels(Job job) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(CONTROLLER_UID, job.getMetadata().getUid());
    labels.put(JOB_NAME, job.getMetadata().getName());
    labels.put("controller-uid", job.getMetadata().getUid());
    labels.put("job-name", job.getMetadata().getName());
    return labels;
  }

  private static JobCondition condition(String type, String reason, String now) {
    return new JobConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage("Reached expected number of succeeded pods")
        .withLastProbeTime(now)
        .withLastTransitionTime(now)
        .build();
  }
}
