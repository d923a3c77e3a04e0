"""Layer 7 — evaluation: question files, metrics over the engine's responses, calibration of
the "not in the report" threshold.

May import: `assistant.engine` and everything below it.
"""
