"""Casecast: YAML case files to consumer-protection education material."""

__version__ = "0.1.0"
