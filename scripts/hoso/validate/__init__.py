"""Validation stages: the JSON Schema (structure, closed lists) and, in hoso.rules, the rules."""
