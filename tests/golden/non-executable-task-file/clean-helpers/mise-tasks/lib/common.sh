# shared helpers, sourced by tasks
log() { echo "$@"; }
