"""Jinja's compiled templates, kept between builds in ``.briefly-cache/templates``.

Compiling the templates costs as much as the rest of a one-brief rebuild.
The renderer takes this as its ``bytecode_cache``; rendering itself never
knows about the cache folder.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import jinja2.bccache

from briefly.cache import store as cache


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates on disk, trusted no more than any other cache file.

    Jinja keys each entry by the template's name and checks its source's
    checksum and Jinja's version, so an edited template is compiled afresh;
    the files go through ``cache.dump``/``cache.load``, so a damaged, foreign
    or unwritable one is a cache miss, never wrong code or an error.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = cache.load(self.directory / bucket.key)
        if isinstance(code, bytes):
            try:
                bucket.bytecode_from_string(code)
            except Exception:  # noqa: BLE001 - unreadable means "compile it again"
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            cache.dump(self.directory / bucket.key, bucket.bytecode_to_string())
        except OSError:
            pass


def compiled_templates(project_root: Path) -> CompiledTemplates:
    """The project's own template cache, where every build looks for it."""
    return CompiledTemplates(project_root / cache.CACHE_DIR / "templates")
