"""The shared content is read again exactly when one of its files changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefly.cache import library_cache
from briefly.cache.library_cache import cached_library
from briefly.errors import Diagnostics

REGISTRY = """sources:
  - id: harbour-notice
    title: {title}
    publisher: Port authority
    date: 2026-03-01
"""


def write_old(path: Path, text: str) -> None:
    """Written long enough ago that its timestamps can be trusted."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(1_700_000_000_000_000_000,) * 2)


def read(root: Path) -> tuple[str, list[str]]:
    problems = Diagnostics()
    library = cached_library(root / "content", root, root / ".briefly-cache", "code", problems)
    return library.sources["harbour-notice"].title, [p.message for p in problems.items]


def test_an_edited_registry_is_read_again_and_an_unchanged_one_is_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = tmp_path / "content" / "sources.yaml"
    write_old(registry, REGISTRY.format(title="Harbour closure notice"))
    assert read(tmp_path) == ("Harbour closure notice", [])
    reads = []
    real = library_cache.load_library
    monkeypatch.setattr(library_cache, "load_library",
                        lambda *args: reads.append(args) or real(*args))
    assert read(tmp_path) == ("Harbour closure notice", [])
    assert reads == []
    write_old(registry, REGISTRY.format(title="Harbour reopening notice"))
    assert read(tmp_path) == ("Harbour reopening notice", [])
    assert len(reads) == 1


def test_a_fact_sheet_added_beside_a_cached_registry_is_read(tmp_path: Path) -> None:
    write_old(tmp_path / "content" / "sources.yaml", REGISTRY.format(title="Notice"))
    read(tmp_path)
    write_old(tmp_path / "content" / "facts" / "ferry.yaml", "name: The ferry\nfacts: {}\n")
    problems = Diagnostics()
    library = cached_library(tmp_path / "content", tmp_path, tmp_path / ".briefly-cache",
                             "code", problems)
    assert "ferry" in library.sheets
