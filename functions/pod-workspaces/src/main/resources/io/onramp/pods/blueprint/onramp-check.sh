#!/bin/sh
# onramp-check: grade a lab task of this workspace from its terminal (Onramp).
#
#   onramp-check <lab-id> <task-id>   grade the task now; the result is recorded as your progress
#   onramp-check <lab-id>             your progress in the lab
#
# Needs curl and ONRAMP_URL, ONRAMP_TOKEN, ONRAMP_WORKSPACE_ID (Onramp sets them in its workspaces).
# Exit status: 0 the task passed (or the progress was shown), 1 the task did not pass yet,
#              2 usage, environment, network or server error (message on stderr).

usage() {
  echo "usage: onramp-check <lab-id> <task-id>   grade a task in this workspace" >&2
  echo "       onramp-check <lab-id>             show your progress in a lab" >&2
  exit 2
}

fail() {
  echo "onramp-check: $*" >&2
  exit 2
}

is_id() {
  case "$1" in
    '' | -* | *[!a-z0-9-]*) return 1 ;;
  esac
  [ "${#1}" -le 63 ]
}

case "${1:-}" in
  -h | --help) usage ;;
esac
[ "$#" -eq 1 ] || [ "$#" -eq 2 ] || usage
is_id "$1" || fail "'$1' is not a lab id (lowercase letters, digits and '-')"
[ "$#" -eq 1 ] || is_id "$2" || fail "'$2' is not a task id (lowercase letters, digits and '-')"

[ -n "${ONRAMP_URL:-}" ] || fail "ONRAMP_URL is not set; run onramp-check in a terminal of your Onramp workspace"
[ -n "${ONRAMP_TOKEN:-}" ] || fail "ONRAMP_TOKEN is not set; run onramp-check in a terminal of your Onramp workspace"
[ -n "${ONRAMP_WORKSPACE_ID:-}" ] || fail "ONRAMP_WORKSPACE_ID is not set; run onramp-check in a terminal of your Onramp workspace"
case "$ONRAMP_URL" in
  http://* | https://*) ;;
  *) fail "ONRAMP_URL must start with http:// or https://" ;;
esac
case "$ONRAMP_WORKSPACE_ID" in
  *[!0-9a-fA-F-]*) fail "ONRAMP_WORKSPACE_ID is not a workspace id" ;;
esac
case "$ONRAMP_TOKEN" in
  *[!A-Za-z0-9._~+/=-]*) fail "ONRAMP_TOKEN is not a token" ;;
esac
command -v curl >/dev/null 2>&1 || fail "curl is needed"

tmp=$(mktemp -d 2>/dev/null) || fail "could not create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

if [ "$#" -eq 2 ]; then
  route=check
  printf '{"workspaceId":"%s","labId":"%s","taskId":"%s"}' "$ONRAMP_WORKSPACE_ID" "$1" "$2" >"$tmp/request"
else
  route=progress
  printf '{"workspaceId":"%s","labId":"%s"}' "$ONRAMP_WORKSPACE_ID" "$1" >"$tmp/request"
fi

# The token reaches curl on stdin as a config line, never on a command line (other processes can read those).
status=$(printf 'header = "Authorization: Bearer %s"\n' "$ONRAMP_TOKEN" |
  curl --silent --show-error --config - --connect-timeout 10 --max-time 60 \
    -H 'Content-Type: application/json' -H 'Accept: text/plain' --data-binary "@$tmp/request" \
    -D "$tmp/headers" -o "$tmp/body" -w '%{http_code}' "${ONRAMP_URL%/}/workspace/$route" 2>"$tmp/error") ||
  fail "could not reach Onramp at $ONRAMP_URL: $(cat "$tmp/error")"

case "$status" in
  200)
    cat "$tmp/body"
    [ "$route" = progress ] && exit 0
    grep -qi '^onramp-task-passed: *true' "$tmp/headers" && exit 0
    exit 1
    ;;
  *)
    # the error envelope {"code": "...", "message": "..."}
    code=$(sed -n 's/.*"code" *: *"\([A-Z_]*\)".*/\1/p' "$tmp/body" | head -n 1)
    message=$(sed -n 's/.*"message" *: *"\(.*\)".*/\1/p' "$tmp/body" | head -n 1 | sed 's/\\"/"/g')
    [ -n "$message" ] || message="Onramp answered HTTP $status"
    fail "$message${code:+ ($code)}"
    ;;
esac
