#!/usr/bin/env bash
# Uploads everything release:build-all consolidated into dist/.
set -euo pipefail
ls dist/*.whl >/dev/null 2>&1 || { echo "no wheels found in dist/"; exit 1; }
uv publish dist/*
