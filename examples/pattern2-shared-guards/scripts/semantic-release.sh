#!/usr/bin/env bash
# Bumps the version in Cargo.toml and pyproject.toml, commits and tags.
set -euo pipefail
npx --yes semantic-release --no-ci
