#!/usr/bin/env bash
# Colours for _lib.sh; sourced, not run.
RED=1
