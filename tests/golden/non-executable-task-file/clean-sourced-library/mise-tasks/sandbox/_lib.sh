#!/usr/bin/env bash
# Shared utilities. Source this file, do not execute it.
source "$(dirname "${BASH_SOURCE[0]}")/_colors.sh"
log() { echo "$@"; }
