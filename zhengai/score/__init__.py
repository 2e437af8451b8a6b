"""Scores: formulas, assessment, alerts, department diagnosis, teacher development."""
