"""Checks on the loaded model, one module per family; each returns problems, never raises."""
