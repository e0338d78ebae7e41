# Shared by tools/test.sh and tools/run.sh: install and start what Disambig needs on Debian 12.
# Sourced, not run. Expects to be called from the repository root.

AZURITE_VERSION="3.37.0"
AZURITE_DIR=".tools/azurite"
# The well-known development account of the Azure Storage emulator (public, not a secret).
AZURITE_ACCOUNT="devstoreaccount1"
AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

as_root() {
  if [[ "$(id -u)" == "0" ]]; then "$@"; else sudo "$@"; fi
}

# Installs the named Debian packages whose command is missing ("package" or "package:command").
ensure_debian_packages() {
  local missing=() spec package command
  for spec in "$@"; do
    package="${spec%%:*}"
    command="${spec#*:}"
    command -v "$command" >/dev/null 2>&1 || missing+=("$package")
  done
  if (( ${#missing[@]} > 0 )); then
    echo "Installing from Debian: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ensure_azurite() {
  if [[ ! -x "$AZURITE_DIR/node_modules/.bin/azurite" ]]; then
    ensure_debian_packages nodejs:node npm
    echo "Installing Azurite $AZURITE_VERSION from npm into $AZURITE_DIR"
    mkdir -p "$AZURITE_DIR"
    npm install --silent --no-audit --no-fund --prefix "$AZURITE_DIR" "azurite@$AZURITE_VERSION" >/dev/null
  fi
}

# Prints a TCP port on 127.0.0.1 that nothing listens on and that is none of the ports given as arguments (drawn
# earlier, not bound yet). Drawn from 20000-32767, below Linux's ephemeral range (32768-60999): a port there is never
# taken as an outgoing connection's source port before Azurite binds it.
free_port() {
  local port taken
  while true; do
    port=$(( 20000 + RANDOM % 12768 ))
    for taken in "$@"; do
      [[ "$port" == "$taken" ]] && continue 2
    done
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# Waits until Azurite (pid $2) listens on port $1; fails at once if it exited (its log says why), or after a minute
# (node starts in a second or two on a quiet machine, far slower on a loaded one).
wait_for_port() {
  local port="$1" pid="$2" tries=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    tries=$(( tries + 1 ))
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "Azurite exited before opening port $port" >&2
      return 1
    fi
    if (( tries > 300 )); then
      echo "Azurite did not open port $port" >&2
      return 1
    fi
    sleep 0.2
  done
}

# Starts Azurite (blob, queue, table) on loopback with its data in $1; sets azurite_pid and AZURITE_*.
start_azurite() {
  local location="$1"
  mkdir -p "$location"
  AZURITE_BLOB_PORT="$(free_port)"
  AZURITE_QUEUE_PORT="$(free_port "$AZURITE_BLOB_PORT")"
  AZURITE_TABLE_PORT="$(free_port "$AZURITE_BLOB_PORT" "$AZURITE_QUEUE_PORT")"
  # Azure.Storage.Blobs 12.30 sends service versions newer than Azurite knows; the check is skipped. No telemetry:
  # tests send nothing out of the machine.
  "$AZURITE_DIR/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose --disableProductStyleUrl --disableTelemetry \
    --location "$location" \
    --blobHost 127.0.0.1 --blobPort "$AZURITE_BLOB_PORT" \
    --queueHost 127.0.0.1 --queuePort "$AZURITE_QUEUE_PORT" \
    --tableHost 127.0.0.1 --tablePort "$AZURITE_TABLE_PORT" \
    >"$location/azurite.log" 2>&1 &
  azurite_pid=$!
  wait_for_port "$AZURITE_BLOB_PORT" "$azurite_pid"
  wait_for_port "$AZURITE_QUEUE_PORT" "$azurite_pid"
  wait_for_port "$AZURITE_TABLE_PORT" "$azurite_pid"
  AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/$AZURITE_ACCOUNT;QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/$AZURITE_ACCOUNT;TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/$AZURITE_ACCOUNT;"
  echo "Azurite $AZURITE_VERSION on 127.0.0.1 (blob $AZURITE_BLOB_PORT, queue $AZURITE_QUEUE_PORT, table $AZURITE_TABLE_PORT)"
}

# Adds up the per-assembly summaries of `dotnet test` into one closing line.
summarise_test_counts() {
  awk '
    /(Passed|Failed)! +- Failed: / {
      for (i = 1; i <= NF; i++) {
        if ($i == "Failed:")  failed  += $(i + 1) + 0
        if ($i == "Passed:")  passed  += $(i + 1) + 0
        if ($i == "Skipped:") skipped += $(i + 1) + 0
      }
      assemblies++
    }
    END {
      printf "Test assemblies: %d\n", assemblies
      printf "Tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
    }' "$1"
}
