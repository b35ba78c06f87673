#!/usr/bin/env bash
# Check the conformance corpus against HotSpot alone: every program compiles, runs twice with
# identical stdout/stderr/exit code, and group-A programs (tags file contains `no-indy`)
# contain no invokedynamic. Usage: check-corpus.sh [program-name...]  (default: all)
# Environment: SHOW=1 prints each program's stdout and stderr; KEEP=DIR saves them (and the
# exit code) under DIR/<name>/ so two whole-corpus runs can be compared with diff -r.
set -u
root="$(cd "$(dirname "$0")/../programs" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ $# -eq 0 ]; then set -- $(ls "$root"); fi
fail=0
for name in "$@"; do
  dir="$root/$name"
  out="$work/$name"
  mkdir -p "$out/classes"
  flags=""; [ -f "$dir/javac-flags" ] && flags="$(cat "$dir/javac-flags")"
  jflags=""; [ -f "$dir/java-flags" ] && jflags="$(cat "$dir/java-flags")"
  args=(); [ -f "$dir/args" ] && mapfile -t args < "$dir/args"
  stdin="/dev/null"; [ -f "$dir/stdin" ] && stdin="$dir/stdin"
  if ! javac --release 17 -d "$out/classes" $flags "$dir"/*.java 2> "$out/javac.err"; then
    echo "FAIL $name: javac"; cat "$out/javac.err"; fail=1; continue
  fi
  indy=$(javap -c -p "$out/classes"/*.class | grep -c invokedynamic)
  if [ -f "$dir/tags" ] && grep -qx no-indy "$dir/tags" && [ "$indy" -ne 0 ]; then
    echo "FAIL $name: $indy invokedynamic in a no-indy program"; fail=1
  fi
  for run in 1 2; do
    (cd "$out" && timeout 60 java -cp classes $jflags Main "${args[@]}" < "$stdin" \
      > "$out/out$run" 2> "$out/err$run"; echo $? > "$out/rc$run")
  done
  if ! cmp -s "$out/out1" "$out/out2" || ! cmp -s "$out/err1" "$out/err2" \
     || ! cmp -s "$out/rc1" "$out/rc2"; then
    echo "FAIL $name: runs differ"; diff "$out/out1" "$out/out2" | head; diff "$out/err1" "$out/err2" | head
    fail=1; continue
  fi
  printf 'ok   %-32s rc=%s indy=%-3s stdout=%s lines stderr=%s lines\n' "$name" "$(cat "$out/rc1")" \
    "$indy" "$(wc -l < "$out/out1")" "$(wc -l < "$out/err1")"
  if [ -n "${SHOW:-}" ]; then cat "$out/out1"; cat "$out/err1"; fi
  if [ -n "${KEEP:-}" ]; then
    mkdir -p "$KEEP/$name" && cp "$out/out1" "$KEEP/$name/stdout" && cp "$out/err1" "$KEEP/$name/stderr" \
      && cp "$out/rc1" "$KEEP/$name/rc"
  fi
done
exit $fail
