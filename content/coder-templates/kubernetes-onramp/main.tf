# kubernetes-onramp: a Coder workspace inside the developer's Onramp pod workspace (namespace).
#
# Onramp owns the namespace and its guardrails (quota, LimitRange, NetworkPolicies, Pod Security "restricted", RBAC);
# the namespace outlives any one Coder workspace build. This template only asks Onramp for it, on every build, with
# the narrow service identity `onramp-coder`, and runs the Coder agent and code-server in a pod of its own inside it:
#
#   start   -> createPodWorkspace(ide: NONE, coderWorkspaceId) (idempotent: returns the namespace), then resumeWorkspace
#   stop    -> pauseWorkspace   (Onramp scales the namespace's workloads to 0; this template removes its Deployment)
#   destroy -> deleteWorkspace  (Onramp deletes the namespace and everything in it)
#
# The calls are hashicorp/http data sources, so they run while Terraform plans the build. See README.md.

terraform {
  required_version = ">= 1.5"
  required_providers {
    coder = {
      source  = "coder/coder"
      version = "~> 2.15"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 3.2"
    }
    http = {
      source  = "hashicorp/http"
      version = "~> 3.5"
    }
  }
}

# ---------------------------------------------------------------------------------------------------------------
# Template variables (set by the template admin with `coder templates push --variable` / `--variables-file`)
# ---------------------------------------------------------------------------------------------------------------

variable "onramp_url" {
  type        = string
  description = "Base URL of Onramp, e.g. https://onramp.example.com (the GraphQL endpoint is <onramp_url>/graphql). Must be reachable from the provisioner and from workspace pods."
  validation {
    condition     = can(regex("^https?://[^\\s/]+(/[^\\s]*)?$", var.onramp_url))
    error_message = "onramp_url must be an http(s) URL such as https://onramp.example.com."
  }
}

variable "onramp_coder_token" {
  type        = string
  sensitive   = true
  description = "Bearer token of Onramp's service identity for Coder build hooks (role onramp-coder, audience onramp). It may act only on workspaces linked to a Coder workspace id."
}

variable "onramp_ca_pem" {
  type        = string
  default     = ""
  description = "PEM certificate of the CA that signed Onramp's TLS certificate, when it is not publicly trusted. Empty: the provisioner's trust store."
}

variable "use_kubeconfig" {
  type        = bool
  default     = false
  description = "false: the provisioner runs in the cluster and uses its ServiceAccount; true: use ~/.kube/config of the provisioner."
}

variable "image" {
  type        = string
  default     = "codercom/code-server:4.133.0"
  description = "Workspace container image. Needs curl (for the Coder agent) and code-server, runs as UID 1000 with HOME /home/coder."
}

variable "coder_internal_url" {
  type        = string
  default     = ""
  description = "URL of Coder as workspace pods can reach it (e.g. http://coder.coder.svc.cluster.local), when the access URL is not reachable through Onramp's NetworkPolicies. Empty: the access URL."
}

variable "kubectl_version" {
  type        = string
  default     = "v1.33.1"
  description = "kubectl installed into ~/.local/bin at start when the image has none (checked against its published SHA-256)."
  validation {
    condition     = can(regex("^v[0-9]+\\.[0-9]+\\.[0-9]+$", var.kubectl_version))
    error_message = "kubectl_version must look like v1.33.1."
  }
}

# ---------------------------------------------------------------------------------------------------------------
# Workspace parameters (chosen by the developer)
# ---------------------------------------------------------------------------------------------------------------

data "coder_parameter" "size" {
  name         = "size"
  display_name = "Onramp size"
  description  = "Quota of the namespace Onramp creates for you (applies when Onramp creates it; an existing namespace keeps its size)."
  type         = "string"
  default      = "MEDIUM"
  mutable      = false
  order        = 1
  option {
    name  = "Small"
    value = "SMALL"
  }
  option {
    name  = "Medium"
    value = "MEDIUM"
  }
  option {
    name  = "Large"
    value = "LARGE"
  }
}

data "coder_parameter" "cpu" {
  name         = "cpu"
  display_name = "CPU"
  description  = "CPU limit of the workspace container (cores). Onramp's LimitRange allows at most 2 per container."
  type         = "number"
  default      = "1"
  mutable      = true
  order        = 2
  option {
    name  = "1 core"
    value = "1"
  }
  option {
    name  = "2 cores"
    value = "2"
  }
}

data "coder_parameter" "memory" {
  name         = "memory"
  display_name = "Memory"
  description  = "Memory limit of the workspace container (GiB). Onramp's LimitRange allows at most 4 GiB per container."
  type         = "number"
  default      = "2"
  mutable      = true
  order        = 3
  option {
    name  = "2 GiB"
    value = "2"
  }
  option {
    name  = "4 GiB"
    value = "4"
  }
}

data "coder_parameter" "home_disk_size" {
  name         = "home_disk_size"
  display_name = "Home disk size"
  description  = "Size of the home volume in GiB; counts against the namespace's storage quota (SMALL 10, MEDIUM 20, LARGE 40 GiB by default)."
  type         = "number"
  default      = "5"
  mutable      = false
  order        = 4
  validation {
    min = 1
    max = 40
  }
}

data "coder_parameter" "lab" {
  name         = "lab"
  display_name = "Lab"
  description  = "Onramp lab to work on (e.g. configmaps-and-secrets), exported as ONRAMP_LAB for the tour and onramp-check tools. Empty: none."
  type         = "string"
  default      = ""
  mutable      = true
  order        = 5
  validation {
    regex = "^([a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?)?$"
    error = "A lab id is lowercase letters, digits and '-', e.g. configmaps-and-secrets."
  }
}

# ---------------------------------------------------------------------------------------------------------------
# Coder context
# ---------------------------------------------------------------------------------------------------------------

data "coder_workspace" "me" {}

data "coder_workspace_owner" "me" {}

# The developer's own Onramp token (Coder external auth against the company's OIDC provider), for calls made from
# inside the workspace (tours, onramp-check). Build hooks never use it.
data "coder_external_auth" "onramp" {
  id = "onramp"
}

provider "kubernetes" {
  config_path = var.use_kubeconfig ? "~/.kube/config" : null
}

locals {
  transition   = data.coder_workspace.me.transition
  workspace_id = data.coder_workspace.me.id
  owner        = lower(data.coder_workspace_owner.me.name)

  # Data sources run whenever Terraform plans, including `coder templates push` (template import runs a "start" and
  # a "stop" dry run with a random workspace id and the owner "default" / default@example.com) and prebuilds owned
  # by the "prebuilds" user. Onramp is called only for a real build of a real developer's workspace.
  template_import = data.coder_workspace_owner.me.name == "default" && data.coder_workspace_owner.me.email == "default@example.com"
  onramp_enabled = (
    local.workspace_id != ""
    && contains(["start", "stop", "destroy"], local.transition)
    && !local.template_import
    && !data.coder_workspace.me.is_prebuild
  )

  onramp_graphql_url = "${trimsuffix(var.onramp_url, "/")}/graphql"
  onramp_headers = {
    Authorization  = "Bearer ${var.onramp_coder_token}"
    "Content-Type" = "application/json"
    Accept         = "application/json"
  }
  onramp_ca_pem = var.onramp_ca_pem == "" ? null : var.onramp_ca_pem

  # What Onramp is asked on every build. createPodWorkspace is idempotent (one pod workspace per developer; the
  # idempotency key returns the first call's workspace), so stop and destroy use it to find the workspace id too.
  onramp_create_request = {
    owner            = local.owner
    ide              = "NONE"
    size             = data.coder_parameter.size.value
    coderWorkspaceId = data.coder_workspace.me.id
  }
  onramp_create_input = merge(local.onramp_create_request, {
    idempotencyKey = "coder-${local.workspace_id}-${substr(sha256(jsonencode(local.onramp_create_request)), 0, 12)}"
  })

  # The mutation each Coder transition maps to.
  onramp_mutation = {
    start   = "resumeWorkspace"
    stop    = "pauseWorkspace"
    destroy = "deleteWorkspace"
  }

  onramp_fields = "id state desiredState namespace coderWorkspaceId stateReason lastError"

  onramp_answer    = try(jsondecode(data.http.onramp_workspace[0].response_body), {})
  onramp_workspace = try(local.onramp_answer.data.createPodWorkspace, null)
  onramp_id        = try(local.onramp_workspace.id, "")
  onramp_linked    = try(local.onramp_workspace.coderWorkspaceId, "") == local.workspace_id
  onramp_deleted   = try(local.onramp_workspace.desiredState, "") == "DELETED"

  # Stop and destroy act only on a workspace linked to this Coder workspace that is not already being deleted.
  onramp_transition_needed = local.onramp_enabled && local.onramp_linked && !(local.transition != "start" && local.onramp_deleted)

  # Template imports never apply; the placeholder only lets them plan.
  namespace = local.onramp_enabled ? try(local.onramp_workspace.namespace, "") : "onramp-template-import"

  labels = {
    "app.kubernetes.io/name"       = "coder-workspace"
    "app.kubernetes.io/part-of"    = "coder"
    "app.kubernetes.io/managed-by" = "coder"
    "com.coder.resource"           = "true"
    "com.coder.workspace.id"       = data.coder_workspace.me.id
    "com.coder.workspace.name"     = data.coder_workspace.me.name
    "com.coder.user.id"            = data.coder_workspace_owner.me.id
    "com.coder.user.username"      = data.coder_workspace_owner.me.name
  }

  access_url  = trimsuffix(data.coder_workspace.me.access_url, "/")
  init_script = var.coder_internal_url == "" ? coder_agent.main.init_script : replace(coder_agent.main.init_script, local.access_url, trimsuffix(var.coder_internal_url, "/"))
}

# ---------------------------------------------------------------------------------------------------------------
# Onramp build hooks
# ---------------------------------------------------------------------------------------------------------------

# 1. Every build: the developer's pod workspace (created on first use; with ide NONE Onramp runs no IDE of its own).
data "http" "onramp_workspace" {
  count = local.onramp_enabled ? 1 : 0

  url                = local.onramp_graphql_url
  method             = "POST"
  request_headers    = local.onramp_headers
  ca_cert_pem        = local.onramp_ca_pem
  request_timeout_ms = 30000
  request_body = jsonencode({
    query     = "mutation OnrampCoderWorkspace($input: CreatePodWorkspaceInput!) { createPodWorkspace(input: $input) { ${local.onramp_fields} } }"
    variables = { input = local.onramp_create_input }
  })

  retry {
    attempts     = 3
    min_delay_ms = 1000
    max_delay_ms = 5000
  }

  lifecycle {
    postcondition {
      condition     = self.status_code == 200 && try(length(jsondecode(self.response_body).errors), 0) == 0 && try(jsondecode(self.response_body).data.createPodWorkspace.id, "") != ""
      error_message = "Onramp refused createPodWorkspace for ${local.owner} (${local.transition} of Coder workspace ${local.workspace_id}; HTTP ${self.status_code} from ${local.onramp_graphql_url}): ${try(jsondecode(self.response_body).errors[0].extensions.code, "NO_CODE")}: ${try(jsondecode(self.response_body).errors[0].message, substr(self.response_body, 0, 300))}"
    }
    postcondition {
      condition     = local.transition != "start" || try(jsondecode(self.response_body).data.createPodWorkspace.coderWorkspaceId, "") == local.workspace_id
      error_message = "${local.owner} already has the Onramp pod workspace ${try(jsondecode(self.response_body).data.createPodWorkspace.id, "?")} (namespace ${try(jsondecode(self.response_body).data.createPodWorkspace.namespace, "?")}), linked to ${try(coalesce(jsondecode(self.response_body).data.createPodWorkspace.coderWorkspaceId, "no Coder workspace"), "no Coder workspace")}. Onramp gives each developer one namespace: delete the other Coder workspace, or ask an Onramp admin to delete that pod workspace, then start this one again."
    }
    postcondition {
      condition     = local.transition != "start" || try(jsondecode(self.response_body).data.createPodWorkspace.desiredState, "") != "DELETED"
      error_message = "The Onramp pod workspace ${try(jsondecode(self.response_body).data.createPodWorkspace.id, "?")} of this Coder workspace was deleted outside Coder (e.g. offboarded). Delete this Coder workspace and create a new one."
    }
  }
}

# 2. Every build: the transition itself (start -> resume, stop -> pause, destroy -> delete). Idempotent in Onramp.
data "http" "onramp_transition" {
  count = local.onramp_transition_needed ? 1 : 0

  url                = local.onramp_graphql_url
  method             = "POST"
  request_headers    = local.onramp_headers
  ca_cert_pem        = local.onramp_ca_pem
  request_timeout_ms = 30000
  request_body = jsonencode({
    query     = "mutation OnrampCoderTransition($id: ID!) { ${local.onramp_mutation[local.transition]}(id: $id) { ${local.onramp_fields} } }"
    variables = { id = local.onramp_id }
  })

  retry {
    attempts     = 3
    min_delay_ms = 1000
    max_delay_ms = 5000
  }

  lifecycle {
    postcondition {
      condition     = self.status_code == 200 && try(length(jsondecode(self.response_body).errors), 0) == 0
      error_message = "Onramp refused ${local.onramp_mutation[local.transition]} of workspace ${local.onramp_id} (${local.transition} of Coder workspace ${local.workspace_id}; HTTP ${self.status_code}): ${try(jsondecode(self.response_body).errors[0].extensions.code, "NO_CODE")}: ${try(jsondecode(self.response_body).errors[0].message, substr(self.response_body, 0, 300))}"
    }
  }
}

check "onramp_workspace_linked" {
  assert {
    condition     = !local.onramp_enabled || local.onramp_linked
    error_message = "The Onramp pod workspace ${local.onramp_id} is not linked to this Coder workspace; ${local.transition} left it alone."
  }
}

# 3. Start only, during apply: Onramp has converged the namespace before the pod goes into it. The gate resource is
# replaced on every start, which defers the read below from plan to apply (after the calls above).
resource "terraform_data" "onramp_ready_gate" {
  count            = local.onramp_enabled && local.transition == "start" ? 1 : 0
  triggers_replace = [local.onramp_id, plantimestamp()]
}

# Keeps the gate out of the workspace's resource list in the Coder UI.
resource "coder_metadata" "onramp_ready_gate" {
  count       = length(terraform_data.onramp_ready_gate)
  resource_id = terraform_data.onramp_ready_gate[count.index].id
  hide        = true
}

data "http" "onramp_ready" {
  count      = length(terraform_data.onramp_ready_gate)
  depends_on = [terraform_data.onramp_ready_gate, data.http.onramp_transition]

  url                = local.onramp_graphql_url
  method             = "POST"
  request_headers    = local.onramp_headers
  ca_cert_pem        = local.onramp_ca_pem
  request_timeout_ms = 30000
  request_body = jsonencode({
    query     = "query OnrampCoderReady($id: ID!) { workspace(id: $id) { ${local.onramp_fields} } }"
    variables = { id = local.onramp_id }
  })

  retry {
    attempts     = 3
    min_delay_ms = 1000
    max_delay_ms = 5000
  }

  lifecycle {
    postcondition {
      condition     = self.status_code == 200 && try(length(jsondecode(self.response_body).errors), 0) == 0
      error_message = "Onramp refused workspace(${local.onramp_id}) (HTTP ${self.status_code}): ${try(jsondecode(self.response_body).errors[0].extensions.code, "NO_CODE")}: ${try(jsondecode(self.response_body).errors[0].message, substr(self.response_body, 0, 300))}"
    }
    postcondition {
      condition     = contains(["RUNNING", "RESUMING"], try(jsondecode(self.response_body).data.workspace.state, ""))
      error_message = "Onramp has not finished preparing namespace ${local.namespace} (state ${try(jsondecode(self.response_body).data.workspace.state, "?")}: ${try(coalesce(jsondecode(self.response_body).data.workspace.lastError, jsondecode(self.response_body).data.workspace.stateReason), "no details")}). Start the workspace again in a few seconds; if the state is FAILED, ask an Onramp admin."
    }
  }
}

# ---------------------------------------------------------------------------------------------------------------
# The workspace: Coder agent + code-server in the Onramp namespace
# ---------------------------------------------------------------------------------------------------------------

resource "coder_agent" "main" {
  os   = "linux"
  arch = "amd64"
  dir  = "/home/coder"

  env = {
    ONRAMP_URL              = trimsuffix(var.onramp_url, "/")
    ONRAMP_TOKEN            = data.coder_external_auth.onramp.access_token
    ONRAMP_WORKSPACE_ID     = local.onramp_id
    ONRAMP_LAB              = data.coder_parameter.lab.value
    ONRAMP_EXTERNAL_AUTH_ID = data.coder_external_auth.onramp.id
  }

  startup_script = <<-EOT
    set -u
    mkdir -p "$HOME/.local/bin"
    export PATH="$HOME/.local/bin:$PATH"

    # kubectl for the labs: in-cluster credentials of the namespace's "developer" ServiceAccount, so commands never
    # need a namespace.
    if ! command -v kubectl >/dev/null 2>&1; then
      k="https://dl.k8s.io/release/${var.kubectl_version}/bin/linux/amd64/kubectl"
      if curl -fsSL --retry 3 -o /tmp/kubectl "$k" && curl -fsSL --retry 3 -o /tmp/kubectl.sha256 "$k.sha256" \
        && echo "$(head -c 64 /tmp/kubectl.sha256)  /tmp/kubectl" | sha256sum --check --status; then
        install -m 0755 /tmp/kubectl "$HOME/.local/bin/kubectl"
      else
        echo "kubectl could not be installed; continuing without it" >&2
      fi
      rm -f /tmp/kubectl /tmp/kubectl.sha256
    fi

    # code-server, reachable only through the Coder agent (127.0.0.1).
    code-server --install-extension vsls-contrib.codetour >/tmp/codetour-install.log 2>&1 || true
    code-server --auth none --bind-addr 127.0.0.1:13337 --disable-telemetry --disable-update-check \
      >/tmp/code-server.log 2>&1 &
  EOT

  metadata {
    display_name = "Onramp namespace"
    key          = "onramp_namespace"
    script       = "cat /var/run/secrets/kubernetes.io/serviceaccount/namespace"
    interval     = 600
    timeout      = 1
  }
}

resource "coder_app" "code_server" {
  agent_id     = coder_agent.main.id
  slug         = "code-server"
  display_name = "code-server"
  icon         = "/icon/code.svg"
  url          = "http://localhost:13337/?folder=/home/coder"
  subdomain    = false
  share        = "owner"

  healthcheck {
    url       = "http://localhost:13337/healthz"
    interval  = 5
    threshold = 12
  }
}

# Home volume: no count, so it survives stop; it goes on delete (and with the namespace when Onramp deletes it).
resource "kubernetes_persistent_volume_claim_v1" "home" {
  depends_on = [data.http.onramp_ready]

  metadata {
    name      = "coder-${data.coder_workspace.me.id}-home"
    namespace = local.namespace
    labels    = merge(local.labels, { "app.kubernetes.io/name" = "coder-home" })
    annotations = {
      "com.coder.user.email" = data.coder_workspace_owner.me.email
    }
  }
  wait_until_bound = false
  spec {
    access_modes = ["ReadWriteOnce"]
    resources {
      requests = {
        storage = "${data.coder_parameter.home_disk_size.value}Gi"
      }
    }
  }
}

# The pod: created on start, removed on stop (count = start_count).
resource "kubernetes_deployment_v1" "workspace" {
  count      = data.coder_workspace.me.start_count
  depends_on = [data.http.onramp_ready]

  wait_for_rollout = false

  metadata {
    name      = "coder-${data.coder_workspace.me.id}"
    namespace = local.namespace
    labels    = local.labels
    annotations = {
      "com.coder.user.email"  = data.coder_workspace_owner.me.email
      "onramp.io/workspace-id" = local.onramp_id
    }
  }

  spec {
    replicas = 1
    selector {
      match_labels = {
        "com.coder.workspace.id" = data.coder_workspace.me.id
      }
    }
    strategy {
      type = "Recreate"
    }

    template {
      metadata {
        labels = local.labels
      }
      spec {
        # Onramp's "developer" ServiceAccount: RBAC limited to this namespace (labs run kubectl with it).
        service_account_name             = "developer"
        automount_service_account_token  = true
        enable_service_links             = false
        termination_grace_period_seconds = 30

        # Pod Security "restricted", which Onramp enforces on the namespace.
        security_context {
          run_as_non_root = true
          run_as_user     = 1000
          run_as_group    = 1000
          fs_group        = 1000
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        container {
          name              = "dev"
          image             = var.image
          image_pull_policy = "IfNotPresent"
          command           = ["sh", "-c", local.init_script]

          security_context {
            run_as_non_root            = true
            run_as_user                = 1000
            allow_privilege_escalation = false
            capabilities {
              drop = ["ALL"]
            }
            seccomp_profile {
              type = "RuntimeDefault"
            }
          }

          env {
            name  = "CODER_AGENT_TOKEN"
            value = coder_agent.main.token
          }

          resources {
            requests = {
              cpu    = "250m"
              memory = "512Mi"
            }
            limits = {
              cpu    = data.coder_parameter.cpu.value
              memory = "${data.coder_parameter.memory.value}Gi"
            }
          }

          volume_mount {
            name       = "home"
            mount_path = "/home/coder"
          }
        }

        volume {
          name = "home"
          persistent_volume_claim {
            claim_name = kubernetes_persistent_volume_claim_v1.home.metadata[0].name
          }
        }
      }
    }
  }
}

resource "coder_metadata" "workspace" {
  count       = data.coder_workspace.me.start_count
  resource_id = kubernetes_deployment_v1.workspace[0].id

  item {
    key   = "Onramp workspace"
    value = local.onramp_id
  }
  item {
    key   = "namespace"
    value = local.namespace
  }
}
