#!/usr/bin/env bash
# Structural tests of the Coder templates: installs the pinned HCL2 parser if needed, then runs Node's test runner.
# Exits non-zero when a test fails. Needs Node 20+ and npm (registry access only for the first install).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -d node_modules/@cdktf/hcl2json ]; then
  npm ci --no-audit --no-fund
fi
exec node --test test/
