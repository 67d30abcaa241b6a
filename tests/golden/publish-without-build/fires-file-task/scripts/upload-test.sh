#!/usr/bin/env bash
set -euo pipefail
twine upload --repository testpypi dist/*
