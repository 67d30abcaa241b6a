#!/usr/bin/env pwsh
#MISE description="Build (Windows)"
Write-Output build
