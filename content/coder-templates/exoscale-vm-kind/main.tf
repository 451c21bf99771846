# exoscale-vm-kind: a persistent Exoscale VM with Docker, kubectl, kind and code-server, paused on stop.
#
# The instance has no count: stop powers it off (state = "stopped") and keeps its disk, start powers it on, delete
# destroys it. The Coder agent (count = start_count) gets a new token on every start; the VM reads it at every boot
# from its current user-data. The bootstrap is Onramp's own VM cloud-init (cloud-init/vm-workspace.yaml, a copy of
# content/cloud-init/vm-workspace.yaml) with its placeholders filled for Coder. See README.md.

terraform {
  required_version = ">= 1.5"
  required_providers {
    coder = {
      source  = "coder/coder"
      version = "~> 2.15"
    }
    exoscale = {
      source  = "exoscale/exoscale"
      version = "~> 0.74"
    }
  }
}

# ---------------------------------------------------------------------------------------------------------------
# Template variables (set by the template admin with `coder templates push --variable` / `--variables-file`)
# ---------------------------------------------------------------------------------------------------------------

variable "exoscale_api_key" {
  type        = string
  sensitive   = true
  default     = ""
  description = "Exoscale API key (EXO...) with compute and security-group rights. Empty: EXOSCALE_API_KEY of the provisioner."
}

variable "exoscale_api_secret" {
  type        = string
  sensitive   = true
  default     = ""
  description = "Secret of exoscale_api_key. Empty: EXOSCALE_API_SECRET of the provisioner."
}

variable "template_name" {
  type        = string
  default     = "Linux Ubuntu 24.04 LTS 64-bit"
  description = "Public Exoscale template (image) name; Onramp's VM bootstrap expects Ubuntu."
}

variable "onramp_url" {
  type        = string
  default     = ""
  description = "Base URL of Onramp (e.g. https://onramp.example.com), exported as ONRAMP_URL for the tour and onramp-check tools. Empty: not set."
}

variable "onramp_lab_files_url" {
  type        = string
  default     = ""
  description = "Onramp's lab-files URL with {lab} (the same value as onramp.vms.lab-files-url, e.g. https://onramp.example.com/labs/{lab}/workspace.tar.gz). Empty: no lab files are fetched."
  validation {
    condition     = var.onramp_lab_files_url == "" || can(regex("^https?://.*\\{lab\\}", var.onramp_lab_files_url))
    error_message = "onramp_lab_files_url must be an http(s) URL containing {lab}, or empty."
  }
}

variable "ssh_key_name" {
  type        = string
  default     = ""
  description = "Name of an Exoscale SSH key to authorize on new VMs (set at creation only). Empty: none; use `coder ssh`."
}

variable "ssh_cidrs" {
  type        = list(string)
  default     = []
  description = "CIDRs allowed to reach port 22 directly. Empty: no inbound rule at all (the Coder agent dials out)."
}

variable "kubectl_version" {
  type        = string
  default     = "v1.33.1"
  description = "kubectl version installed by the bootstrap (checked against its published SHA-256)."
}

variable "kind_version" {
  type        = string
  default     = "v0.29.0"
  description = "kind version installed by the bootstrap (checked against its published SHA-256)."
}

variable "code_server_version" {
  type        = string
  default     = ""
  description = "code-server version installed by the bootstrap. Empty: the latest release."
}

variable "codetour_extension" {
  type        = string
  default     = "vsls-contrib.codetour@0.0.58"
  description = "CodeTour extension installed into code-server."
}

# ---------------------------------------------------------------------------------------------------------------
# Workspace parameters (chosen by the developer)
# ---------------------------------------------------------------------------------------------------------------

data "coder_parameter" "zone" {
  name         = "zone"
  display_name = "Exoscale zone"
  description  = "Where the VM runs. Cannot be changed later (the VM would be replaced)."
  type         = "string"
  default      = "ch-gva-2"
  mutable      = false
  order        = 1
  option {
    name  = "Geneva (ch-gva-2)"
    value = "ch-gva-2"
  }
  option {
    name  = "Zurich (ch-dk-2)"
    value = "ch-dk-2"
  }
  option {
    name  = "Frankfurt (de-fra-1)"
    value = "de-fra-1"
  }
  option {
    name  = "Munich (de-muc-1)"
    value = "de-muc-1"
  }
  option {
    name  = "Vienna (at-vie-1)"
    value = "at-vie-1"
  }
  option {
    name  = "Vienna (at-vie-2)"
    value = "at-vie-2"
  }
  option {
    name  = "Sofia (bg-sof-1)"
    value = "bg-sof-1"
  }
  option {
    name  = "Zagreb (hr-zag-1)"
    value = "hr-zag-1"
  }
}

data "coder_parameter" "instance_type" {
  name         = "instance_type"
  display_name = "Instance type"
  description  = "Size of the VM. Changing it stops and restarts the VM."
  type         = "string"
  default      = "standard.medium"
  mutable      = true
  order        = 2
  option {
    name  = "standard.medium (2 vCPU, 4 GB)"
    value = "standard.medium"
  }
  option {
    name  = "standard.large (4 vCPU, 8 GB)"
    value = "standard.large"
  }
  option {
    name  = "standard.extra-large (4 vCPU, 16 GB)"
    value = "standard.extra-large"
  }
}

data "coder_parameter" "disk_size" {
  name         = "disk_size"
  display_name = "Disk size"
  description  = "Root disk in GB. It can grow (the VM restarts) but never shrink."
  type         = "number"
  default      = "50"
  mutable      = true
  order        = 3
  validation {
    min       = 10
    max       = 400
    monotonic = "increasing"
  }
}

data "coder_parameter" "lab" {
  name         = "lab"
  display_name = "Lab"
  description  = "Onramp lab whose files are fetched into ~/labs/<lab> at every boot (never overwriting yours). Set when the workspace is created. Empty: none."
  type         = "string"
  default      = ""
  mutable      = false
  order        = 4
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

# The developer's own Onramp token (Coder external auth against the company's OIDC provider), for the tour and
# onramp-check tools inside the workspace.
data "coder_external_auth" "onramp" {
  id = "onramp"
}

provider "exoscale" {
  key    = var.exoscale_api_key == "" ? null : var.exoscale_api_key
  secret = var.exoscale_api_secret == "" ? null : var.exoscale_api_secret
}

data "exoscale_template" "workspace" {
  zone = data.coder_parameter.zone.value
  name = var.template_name
}

locals {
  zone      = data.coder_parameter.zone.value
  user      = coalesce(data.exoscale_template.workspace.default_user, "ubuntu")
  home      = "/home/${local.user}"
  lab       = data.coder_parameter.lab.value
  port      = 13337
  hostname  = "onramp-${substr(replace(lower(data.coder_workspace.me.id), "-", ""), 0, 12)}"
  lab_url   = local.lab == "" || var.onramp_lab_files_url == "" ? "" : replace(var.onramp_lab_files_url, "{lab}", urlencode(local.lab))
  folder    = local.lab_url == "" ? local.home : "${local.home}/labs/${local.lab}"
  vm_labels = { "managed-by" = "coder", "coder-workspace-id" = data.coder_workspace.me.id, "coder-template" = "exoscale-vm-kind" }

  # /etc/onramp/workspace.env of Onramp's bootstrap: one NAME='value' line each, shell-quoted.
  workspace_env = {
    ONRAMP_WORKSPACE_ID        = data.coder_workspace.me.id
    ONRAMP_OWNER               = data.coder_workspace_owner.me.name
    ONRAMP_LAB                 = local.lab
    ONRAMP_LAB_URL             = local.lab_url
    ONRAMP_USER                = local.user
    ONRAMP_CODE_SERVER_PORT    = tostring(local.port)
    ONRAMP_CODE_SERVER_VERSION = var.code_server_version
    ONRAMP_KIND_VERSION        = var.kind_version
    ONRAMP_KUBECTL_VERSION     = var.kubectl_version
    ONRAMP_CODETOUR_EXTENSION  = var.codetour_extension
  }
  workspace_env_file = join("", [for name, value in local.workspace_env : "${name}='${replace(value, "'", "'\\''")}'\n"])

  # code-server listens on 127.0.0.1 only, without a password: only the Coder agent (coder_app) reaches it.
  code_server_config = join("\n", [
    "bind-addr: 127.0.0.1:${local.port}",
    "auth: none",
    "cert: false",
    "disable-telemetry: true",
    "disable-update-check: true",
    "",
  ])

  # Onramp's cloud-config: every placeholder becomes one double-quoted YAML scalar (a JSON string is one).
  onramp_cloud_config = replace(replace(replace(replace(replace(
    file("${path.module}/cloud-init/vm-workspace.yaml"),
    "{{HOSTNAME}}", jsonencode(local.hostname)),
    "{{WORKSPACE_ENV}}", jsonencode(local.workspace_env_file)),
    "{{CODE_SERVER_CONFIG}}", jsonencode(local.code_server_config)),
    "{{TLS_CERT}}", jsonencode("")),
  "{{TLS_KEY}}", jsonencode(""))

  coder_cloud_config = templatefile("${path.module}/cloud-init/coder-agent.yaml.tftpl", {
    user            = local.user
    agent_token     = try(coder_agent.main[0].token, "")
    init_script_b64 = base64encode(try(coder_agent.main[0].init_script, ""))
  })

  user_data = join("\n", [
    "Content-Type: multipart/mixed; boundary=\"//\"",
    "MIME-Version: 1.0",
    "",
    "--//",
    "Content-Type: text/cloud-config; charset=\"utf-8\"",
    "Content-Disposition: attachment; filename=\"onramp-vm-workspace.yaml\"",
    "",
    local.onramp_cloud_config,
    "--//",
    "Content-Type: text/cloud-config; charset=\"utf-8\"",
    "Content-Disposition: attachment; filename=\"coder-agent.yaml\"",
    "",
    local.coder_cloud_config,
    "--//--",
    "",
  ])
}

# ---------------------------------------------------------------------------------------------------------------
# The VM
# ---------------------------------------------------------------------------------------------------------------

# Coder agents dial out to Coder, so nothing needs to reach the VM; port 22 opens only for var.ssh_cidrs.
resource "exoscale_security_group" "workspace" {
  name        = "coder-${data.coder_workspace.me.id}"
  description = "Coder workspace ${data.coder_workspace.me.id} (exoscale-vm-kind): no inbound rule except SSH from ssh_cidrs"
}

resource "exoscale_security_group_rule" "ssh" {
  for_each = toset(var.ssh_cidrs)

  security_group_id = exoscale_security_group.workspace.id
  description       = "SSH from ${each.value}"
  type              = "INGRESS"
  protocol          = "TCP"
  cidr              = each.value
  start_port        = 22
  end_port          = 22
}

# Persistent: no count. `state` follows the transition, so stop powers the VM off and keeps its disk.
resource "exoscale_compute_instance" "workspace" {
  zone               = local.zone
  name               = "coder-${data.coder_workspace.me.id}"
  template_id        = data.exoscale_template.workspace.id
  type               = data.coder_parameter.instance_type.value
  disk_size          = data.coder_parameter.disk_size.value
  state              = data.coder_workspace.me.transition == "start" ? "running" : "stopped"
  security_group_ids = [exoscale_security_group.workspace.id]
  ssh_keys           = var.ssh_key_name == "" ? null : [var.ssh_key_name]
  user_data          = local.user_data
  labels             = local.vm_labels

  lifecycle {
    # Template ids change when Exoscale republishes an image, and ssh_keys can only be set at creation: a new value of
    # either must not replace the VM (and its disk).
    ignore_changes = [template_id, ssh_keys]
    precondition {
      condition     = !strcontains(local.onramp_cloud_config, "{{")
      error_message = "cloud-init/vm-workspace.yaml has a placeholder this template does not fill; update the replace() chain in main.tf."
    }
  }
}

resource "coder_agent" "main" {
  count = data.coder_workspace.me.start_count
  os    = "linux"
  arch  = "amd64"
  auth  = "token"
  dir   = local.home

  # The first boot installs packages before the agent starts: allow more than the default 120 s to connect.
  connection_timeout = 900

  env = {
    ONRAMP_URL              = trimsuffix(var.onramp_url, "/")
    ONRAMP_TOKEN            = data.coder_external_auth.onramp.access_token
    ONRAMP_WORKSPACE_ID     = ""
    ONRAMP_LAB              = local.lab
    ONRAMP_EXTERNAL_AUTH_ID = data.coder_external_auth.onramp.id
  }

  startup_script = <<-EOT
    set -u
    echo "Waiting for the VM bootstrap (Docker, kubectl, kind, code-server); logs in /var/log/onramp-bootstrap.log"
    cloud-init status --wait >/dev/null 2>&1 || echo "cloud-init reported a problem: see /var/log/cloud-init-output.log and /var/log/onramp-bootstrap.log" >&2
    timeout 900 bash -c 'while [ "$(systemctl show -p ActiveState --value onramp-boot.service)" = activating ]; do sleep 5; done'
    if kubectl get nodes >/dev/null 2>&1; then
      echo "kind cluster onramp is up (kubectl is configured in ~/.kube/config)"
    else
      echo "the kind cluster is not reachable yet: see /var/log/onramp-boot.log" >&2
    fi
  EOT

  metadata {
    display_name = "CPU"
    key          = "cpu"
    script       = "coder stat cpu"
    interval     = 10
    timeout      = 1
  }
  metadata {
    display_name = "Memory"
    key          = "memory"
    script       = "coder stat mem"
    interval     = 10
    timeout      = 1
  }
  metadata {
    display_name = "Disk"
    key          = "disk"
    script       = "coder stat disk --path /"
    interval     = 60
    timeout      = 1
  }
}

resource "coder_app" "code_server" {
  count        = data.coder_workspace.me.start_count
  agent_id     = coder_agent.main[0].id
  slug         = "code-server"
  display_name = "code-server"
  icon         = "/icon/code.svg"
  url          = "http://localhost:${local.port}/?folder=${local.folder}"
  subdomain    = false
  share        = "owner"

  healthcheck {
    url       = "http://localhost:${local.port}/healthz"
    interval  = 10
    threshold = 60
  }
}

resource "coder_metadata" "workspace" {
  count       = data.coder_workspace.me.start_count
  resource_id = exoscale_compute_instance.workspace.id

  item {
    key   = "zone"
    value = local.zone
  }
  item {
    key   = "type"
    value = data.coder_parameter.instance_type.value
  }
  item {
    key   = "public IP"
    value = exoscale_compute_instance.workspace.public_ip_address
  }
}
