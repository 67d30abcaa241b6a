#!/bin/sh
# mise-audit: ignore[missing-sdist]
echo hi
