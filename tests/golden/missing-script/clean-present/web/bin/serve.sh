#!/bin/sh
echo serve
