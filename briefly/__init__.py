"""Briefly: a static site generator for explainer briefs."""

from __future__ import annotations

__version__ = "0.1.0"
