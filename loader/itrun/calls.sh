#!/usr/bin/env bash
# calls.sh: runs every call of an example's calls.txt through itrun (the native twin of its Node host).
#   calls.sh ITRUN CALLS_FILE ADAPTER_DIR            prints "$ itrun ..." and the output of each call
#   calls.sh ITRUN CALLS_FILE ADAPTER_DIR OUT_DIR    writes what call N prints to OUT_DIR/N
#
# calls.txt: one itrun command line a line, words separated by '|', <empty>
# for an empty word; blank lines and lines starting with '#' are skipped.
# itrun runs in ADAPTER_DIR, so adapters are named as in build/examples/NAME.
# OUT_DIR/N holds the call's stdout, then, if it failed, its stderr and
# "exit STATUS": tests/loader/node_call.js --calls writes the same from the
# Node loader, and the suite `loader` compares the two.
set -u
itrun=$(realpath "$1") calls=$2 dir=$3 out=${4:-}
[ -n "$out" ] && mkdir -p "$out"
n=0 failed=0
# quote WORD: the word as a shell would need it typed (plain, or in single quotes).
quote() { if [[ $1 =~ ^[A-Za-z0-9_./=:+-]+$ ]]; then printf '%s' "$1"; else printf "'%s'" "${1//\'/\'\\\'\'}"; fi; }
while IFS= read -r line || [ -n "$line" ]; do
    [ -z "${line// }" ] || [ "${line:0:1}" = "#" ] && continue
    n=$((n + 1))
    IFS='|' read -ra fields <<<"$line"
    words=()
    for word in "${fields[@]}"; do [ "$word" = "<empty>" ] && words+=("") || words+=("$word"); done
    if [ -z "$out" ]; then
        printf '$ itrun'; for word in "${words[@]}"; do printf ' %s' "$(quote "$word")"; done; echo
        (cd "$dir" && "$itrun" "${words[@]}") || failed=1
    else
        (cd "$dir" && "$itrun" "${words[@]}" >"$out/$n" 2>"$out/$n.err"); status=$?
        if [ $status -ne 0 ]; then cat "$out/$n.err" >>"$out/$n"; echo "exit $status" >>"$out/$n"; fi
        rm -f "$out/$n.err"
    fi
done <"$calls"
exit $failed
