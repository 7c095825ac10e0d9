# Shared helpers for the bash scripts in scripts/. Source it, do not run it:
#   . "$(cd "$(dirname "$0")" && pwd)/lib/common.sh"
# Provides: die MESSAGE, note MESSAGE, require_dotnet_sdk MAJOR, host_arch, human_size BYTES.

# Prints one line to stderr and exits 1.
die() {
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
  exit 1
}

# Prints one line to stderr (progress and findings, keeps stdout for results).
note() {
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
}

# Succeeds when `dotnet` is on PATH and has an SDK with the given major version; otherwise prints
# one sentence that says what is missing and how to fix it, and fails.
require_dotnet_sdk() {
  local major=$1
  if ! command -v dotnet >/dev/null 2>&1; then
    note "the .NET SDK is not installed: 'dotnet' is not on PATH; install .NET SDK ${major} (see docs/building.md) and run this again."
    return 1
  fi
  if ! dotnet --list-sdks 2>/dev/null | grep -q "^${major}\."; then
    note "'dotnet' ($(command -v dotnet)) has no .NET ${major} SDK (found: $(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | paste -sd, - || true)); install .NET SDK ${major} and run this again."
    return 1
  fi
}

# The machine's architecture in Go/Kubernetes naming: amd64, arm64, arm.
host_arch() {
  case "$(uname -m)" in
    x86_64) echo amd64 ;;
    aarch64 | arm64) echo arm64 ;;
    armv7l | armv6l) echo arm ;;
    *) uname -m ;;
  esac
}

# 3109752 -> "3.0 MiB".
human_size() {
  awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'
}
