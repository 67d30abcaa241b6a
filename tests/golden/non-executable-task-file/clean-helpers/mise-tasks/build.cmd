@echo off
REM #MISE description="Build (cmd)"
echo build
