#!/usr/bin/env bash
# Uploads the wheels and sdists in dist/ to PyPI.
set -euo pipefail
uv publish dist/*
