#!/usr/bin/env bash
# Shared utilities. Source this file, do not execute it.
log() { echo "$@"; }
