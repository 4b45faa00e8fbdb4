#!/usr/bin/env bash
# Runs one test suite: tools/suite.sh RESULTS_DIR NAME COMMAND [ARGS...]
# The command's output is shown as it runs; its last "N passed, M failed"
# line is kept in RESULTS_DIR/NAME. A suite that exits non-zero without such a
# line, or whose line reports failures while it exits 0, counts as failed.
set -u
results=$1 name=$2; shift 2
mkdir -p "$results"
log="$results/$name.log"
echo "== $name"
"$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
if [ -z "$line" ]; then
    echo "$name: exited with status $status and no 'N passed, M failed' line" | tee -a "$log"
    line="0 passed, 1 failed"
elif [ "$status" -ne 0 ] && [ "$(echo "$line" | awk '{print $3}')" = 0 ]; then
    echo "$name: exited with status $status" | tee -a "$log"
    line="$(echo "$line" | awk '{print $1}') passed, 1 failed"
fi
echo "$line" > "$results/$name"
