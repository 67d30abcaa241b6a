#!/usr/bin/env bash
# Not sourced by any task: a forgotten chmod.
echo deploy
