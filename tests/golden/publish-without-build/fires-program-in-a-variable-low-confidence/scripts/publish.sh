#!/bin/sh
UV_CMD=uv
ls dist/*.whl >/dev/null 2>&1 || $UV_CMD build
twine upload dist/*
