"""Which outputs this build must write, decided file by file from the cache's records.

An output is staged for publishing only when its bytes differ from the
published file the cache recorded; otherwise its record is carried over and
the file is left alone, so unchanged files keep their inode and mtime and a
deploy tool uploads nothing new.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping

from briefly.cache.records import Output, content_digest, intact


@dataclass
class Owned:
    """The files one owner (a brief, the listing pages, a builder) publishes this build."""

    outputs: dict[str, Output] = field(default_factory=dict)
    staged: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OutputLedger:
    """The output folder as the cache knows it, and where changed files are staged.

    ``cold`` means the cache has no record of this folder: a file already
    there with exactly the new bytes is adopted rather than written again.
    """

    out_dir: Path
    stage: Callable[[str, bytes], None]
    staged_path: Callable[[str], Path]
    cold: bool

    @property
    def key(self) -> str:
        """The output folder's name in the cache index: records are kept per folder."""
        return str(self.out_dir.resolve())

    def put(self, owned: Owned, name: str, data: bytes, key: str,
            record: Output | None) -> None:
        """Record an output under ``key``; stage it unless its bytes are already published."""
        digest = content_digest(data)
        if record is not None and record.digest == digest and intact(self.out_dir, name, record):
            owned.outputs[name] = Output(key, digest, record.mtime_ns, record.size, record.ino)
            return
        if record is None and self.cold:
            target = self.out_dir / name
            try:
                st = os.stat(target)
                if st.st_size == len(data) and target.read_bytes() == data:
                    owned.outputs[name] = Output(key, digest, st.st_mtime_ns, st.st_size,
                                                 st.st_ino)
                    return
            except OSError:
                pass
        self.stage(name, data)
        owned.outputs[name] = Output(key, digest)
        owned.staged.append(name)

    def pending(self, names: list[str], staged: set[str]) -> Mapping[str, bytes]:
        """The pages about to be published, read on demand from staging or the site."""
        return _PendingPages(self, names, staged)

    def listed(self) -> set[str]:
        """Every file in the output folder, for a first build that has no records."""
        names: set[str] = set()
        for dirpath, _, filenames in os.walk(self.out_dir):
            here = Path(dirpath).relative_to(self.out_dir).as_posix()
            prefix = "" if here == "." else here + "/"
            names.update(prefix + n for n in filenames)
        return names

    def restat(self, name: str, record: Output) -> Output:
        """A published file's record with the stat it has now that it is live."""
        st = os.stat(self.out_dir / name)
        return record._replace(mtime_ns=st.st_mtime_ns, size=st.st_size, ino=st.st_ino)


class _PendingPages(Mapping[str, bytes]):
    def __init__(self, ledger: OutputLedger, names: list[str], staged: set[str]) -> None:
        self.ledger, self.names, self.staged = ledger, names, staged

    def __getitem__(self, name: str) -> bytes:
        if name in self.staged:
            return self.ledger.staged_path(name).read_bytes()
        return (self.ledger.out_dir / name).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)
