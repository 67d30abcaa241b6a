#!/usr/bin/env bash
# Paths of the sandbox; sourced, not run.
SANDBOX=/tmp/sandbox
