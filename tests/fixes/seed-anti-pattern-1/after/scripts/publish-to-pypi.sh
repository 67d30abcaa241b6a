#!/usr/bin/env bash
set -euo pipefail
ls target/wheels/*.whl >/dev/null || { echo "no wheels found"; exit 1; }
uv publish target/wheels/*.whl
