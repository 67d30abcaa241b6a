#!/usr/bin/env python3
"""Render the schema."""
write_json(schema/mise.json, data)
print("done")
