# Sourced, not run, by the test scripts that start servers in the background (.ci/readme-commands.sh,
# e2e/inspector/run.sh): a scratch directory, $work, and the list of background processes, pids, to which the script
# adds every process it starts. On exit the processes are stopped (TERM, then waited for) and $work is removed, however
# the script ends.
work="$(mktemp -d)"
pids=()

# stop_background: stops the processes started so far (TERM, then waits for each) and forgets them
stop_background() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}

cleanup() {
    stop_background
    rm -rf "$work"
}
trap cleanup EXIT
