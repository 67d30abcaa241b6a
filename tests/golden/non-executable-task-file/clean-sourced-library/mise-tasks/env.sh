#!/usr/bin/env bash
export PROFILE=dev
