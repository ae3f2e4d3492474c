"""Atomic, checksummed persistence of an index directory.

Layout of a saved index (see ``docs/index-format.md``)::

    DIR/manifest.json            format version, model, dimension, count, files + sha256
    DIR/vectors-<gen>.faiss      the vector store (a FAISS file, or claimmatch's IVF-PQ container)
    DIR/claims-<gen>.jsonl       the verified claims, one per line, with their int64 ids
    DIR/claimrows-<gen>.rows     where each claim's line starts, by int64 id and by id hash
                                 (format 2; lets ``ClaimIndex.load(mmap=True)`` map the claims)
    DIR/lexical-<gen>.bm25       the BM25 keyword index (when the index has one)
    DIR/textvectors-<gen>.faiss  the claims' text-only vectors, for stance (when they differ)
    DIR/filters-<gen>.cols       the claims' filter metadata as columns (format 3), so that a
                                 loaded index filters without reading every claim

Saving never modifies a file that the current manifest points to. A new save writes a
new *generation* of data files (temporary name, fsync, rename), then replaces
``manifest.json`` atomically with ``os.replace``, and only then deletes the old
generation. A crash at any point therefore leaves either the old or the new manifest,
and every file it names is complete. A first save into a path that does not exist yet
writes a sibling temporary directory and renames it into place.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimmatch.errors import CorruptIndexError, IndexStateError, MissingIndexError

__all__ = [
    "FORMAT_VERSION",
    "MANIFEST_NAME",
    "StoredIndex",
    "read_index_dir",
    "sha256_file",
    "write_file_atomic",
    "write_index_dir",
    "write_stored_index",
]

#: The index format written. Version 2 added the claim row file and BM25 format 2
#: (compiled postings), version 3 the filter columns file; versions 1 and 2 are still read.
FORMAT_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
MANIFEST_NAME = "manifest.json"
#: The data files an index directory may hold: role -> file extension.
FILE_ROLES = {
    "vectors": "faiss",
    "claims": "jsonl",
    "claimrows": "rows",
    "lexical": "bm25",
    "textvectors": "faiss",
    "filters": "cols",
}
REQUIRED_ROLES = ("vectors", "claims")
#: The roles that ``read_index_dir(..., mapped=True)`` verifies by streaming and leaves on disk.
MAPPABLE_ROLES = ("vectors", "claims", "claimrows", "lexical", "textvectors", "filters")
_GENERATION_FILE = re.compile(
    rf"^({'|'.join(FILE_ROLES)})-(\d+)\.({'|'.join(sorted(set(FILE_ROLES.values())))})$"
)
_READ_RETRIES = 3


@dataclass(frozen=True)
class StoredIndex:
    """The raw content of an index directory, checksums verified."""

    manifest: dict[str, Any]
    vectors: bytes
    claims: bytes
    lexical: bytes | None = None
    #: The text-only vectors of claims whose embedded text includes their title (optional).
    text_vectors: bytes | None = None
    #: With ``read_index_dir(..., mmap_vectors=True)``: the verified vectors file, whose
    #: content is then not read into ``vectors`` (which is empty) but mapped by the store.
    vectors_path: Path | None = None
    #: Where each claim's line starts (format 2; ``None`` for an index saved before it).
    claim_rows: bytes | None = None
    #: With ``read_index_dir(..., mapped=True)``: role -> verified file left on disk (its bytes
    #: field is then empty). Claims are mapped only when the index has a claim row file.
    paths: Mapping[str, Path] | None = None
    #: Every claim's filter metadata as columns (format 3; ``None`` for an index saved before it).
    filters: bytes | None = None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can fsync a directory
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_file_atomic(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o644) -> None:
    """Write ``data`` to a temporary sibling, fsync it, and rename it over ``path``.

    Readers see the old file or the new one, never a partial one; a crash leaves at most
    a hidden ``.NAME.*.tmp`` file behind.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _current_generation(directory: Path) -> int:
    generation = 0
    manifest_path = directory / MANIFEST_NAME
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        generation = int(json.loads(manifest_path.read_text("utf-8"))["generation"])
    for entry in directory.iterdir():
        found = _GENERATION_FILE.match(entry.name)
        if found:
            generation = max(generation, int(found.group(2)))
    return generation


def _write_generation(
    directory: Path, generation: int, payloads: Mapping[str, bytes], manifest: Mapping[str, Any]
) -> dict[str, Any]:
    files = {}
    for role, data in payloads.items():
        name = f"{role}-{generation:06d}.{FILE_ROLES[role]}"
        write_file_atomic(directory / name, data)
        files[role] = {"path": name, "sha256": _sha256(data), "bytes": len(data)}
    full = dict(manifest)
    full["format_version"] = FORMAT_VERSION
    full["generation"] = generation
    full["files"] = files
    write_file_atomic(directory / MANIFEST_NAME, json.dumps(full, indent=2, sort_keys=True).encode("utf-8"))
    _fsync_dir(directory)
    return full


def _remove_unreferenced(directory: Path, manifest: Mapping[str, Any]) -> None:
    keep = {MANIFEST_NAME} | {entry["path"] for entry in manifest["files"].values()}
    for entry in directory.iterdir():
        stale = _GENERATION_FILE.match(entry.name) or (entry.name.startswith(".") and entry.name.endswith(".tmp"))
        if stale and entry.name not in keep:
            with contextlib.suppress(OSError):
                entry.unlink()


def write_index_dir(
    path: str | os.PathLike[str],
    vectors: bytes,
    claims: bytes,
    manifest: Mapping[str, Any],
    *,
    lexical: bytes | None = None,
    text_vectors: bytes | None = None,
    claim_rows: bytes | None = None,
    filters: bytes | None = None,
) -> dict[str, Any]:
    """Save an index directory atomically and return the manifest as written.

    Raises:
        IndexStateError: ``path`` exists but is a file or a non-empty directory without a manifest.
    """
    directory = Path(path)
    payloads = {"vectors": vectors, "claims": claims}
    if claim_rows is not None:
        payloads["claimrows"] = claim_rows
    if lexical is not None:
        payloads["lexical"] = lexical
    if text_vectors is not None:
        payloads["textvectors"] = text_vectors
    if filters is not None:
        payloads["filters"] = filters
    parent = directory.parent
    parent.mkdir(parents=True, exist_ok=True)
    for leftover in parent.glob(f".{directory.name}.new-*"):  # from a crashed first save
        shutil.rmtree(leftover, ignore_errors=True)
    if directory.exists():
        if not directory.is_dir():
            raise IndexStateError(f"{directory} is a file; choose a directory path for the index")
        has_manifest = (directory / MANIFEST_NAME).exists()
        if not has_manifest and any(directory.iterdir()):
            raise IndexStateError(
                f"{directory} is a non-empty directory that holds no claimmatch index; "
                "refusing to write into it: choose a new or empty directory"
            )
        written = _write_generation(directory, _current_generation(directory) + 1, payloads, manifest)
        _remove_unreferenced(directory, written)
        return written
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.new-", dir=parent))
    try:
        written = _write_generation(staging, 1, payloads, manifest)
        os.rename(staging, directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync_dir(parent)
    return written


def write_stored_index(path: str | os.PathLike[str], stored: StoredIndex) -> dict[str, Any]:
    """Write an index read by :func:`read_index_dir` (without ``mmap_vectors``) to ``path``, every file included.

    Raises:
        IndexStateError: ``stored`` was read with ``mmap_vectors=True``, so it holds no vectors.
    """
    if stored.vectors_path is not None or stored.paths:
        raise IndexStateError(
            "this StoredIndex was read with mmap_vectors=True or mapped=True and holds no data; read it again"
        )
    manifest = {k: v for k, v in stored.manifest.items() if k not in ("files", "generation", "format_version")}
    return write_index_dir(
        path,
        stored.vectors,
        stored.claims,
        manifest,
        lexical=stored.lexical,
        text_vectors=stored.text_vectors,
        claim_rows=stored.claim_rows,
        filters=stored.filters,
    )


def _read_manifest(directory: Path) -> dict[str, Any]:
    manifest_path = directory / MANIFEST_NAME
    if not directory.exists():
        raise MissingIndexError(
            f"no index at {directory}; build one with `claimmatch build CLAIMS --out {directory}` "
            "or ClaimIndex.build(claims).save(path)"
        )
    if not manifest_path.exists():
        raise MissingIndexError(
            f"{directory} has no {MANIFEST_NAME}, so it is not a claimmatch index (or its first save "
            "never finished); rebuild it from your claims"
        )
    try:
        manifest = json.loads(manifest_path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptIndexError(f"{manifest_path} is not valid JSON ({exc}); rebuild the index") from exc
    if not isinstance(manifest, dict):
        raise CorruptIndexError(f"{manifest_path} is not a JSON object; rebuild the index")
    version = manifest.get("format_version")
    if version not in READABLE_VERSIONS:
        raise CorruptIndexError(
            f"{directory} has index format version {version!r}, this claimmatch reads version "
            f"{' or '.join(map(str, READABLE_VERSIONS))}; rebuild the index or use a matching claimmatch release"
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or not set(REQUIRED_ROLES) <= set(files) or not set(files) <= set(FILE_ROLES):
        raise CorruptIndexError(f"{manifest_path} does not list the vectors and claims files; rebuild the index")
    return manifest


def _checked_path(directory: Path, entry: Any, role: str) -> Path:
    if not isinstance(entry, dict) or not isinstance(entry.get("path"), str) or "/" in entry["path"]:
        raise CorruptIndexError(
            f"the manifest entry for the {role} file in {directory} is malformed; rebuild the index"
        )
    return directory / str(entry["path"])


def _checksum_error(path: Path) -> CorruptIndexError:
    return CorruptIndexError(
        f"{path} does not match the checksum in the manifest: the file was "
        "altered or truncated; restore it from a backup or rebuild the index"
    )


def _read_checked(directory: Path, entry: Any, role: str) -> bytes:
    path = _checked_path(directory, entry, role)
    data: bytes = path.read_bytes()
    if _sha256(data) != entry.get("sha256"):
        raise _checksum_error(path)
    return data


def sha256_file(path: str | os.PathLike[str], *, block: int = 1 << 20) -> tuple[str, int]:
    """The sha256 hex digest and size of a file, read in ``block``-byte pieces (constant memory)."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(block):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _stream_checked(directory: Path, entry: Any, role: str) -> Path:
    """Verify a data file's sha256 by streaming it (for files the caller will map, not read)."""
    path = _checked_path(directory, entry, role)
    if sha256_file(path)[0] != entry.get("sha256"):
        raise _checksum_error(path)
    return path


def _size_checked(directory: Path, entry: Any, role: str) -> Path:
    """Check only that a data file exists with the size the manifest records (``verify=False``)."""
    path = _checked_path(directory, entry, role)
    size = path.stat().st_size  # FileNotFoundError: handled like a missing file when verifying
    if size != entry.get("bytes"):
        raise CorruptIndexError(
            f"{path} has {size} bytes, the manifest records {entry.get('bytes')}: the file was "
            "altered or truncated; restore it from a backup or rebuild the index"
        )
    return path


def _verify_files(
    directory: Path, files: Mapping[str, Any], leave: set[str], verify: bool = True
) -> dict[str, bytes | Path]:
    """Read (or, for the roles in ``leave``, stream) and check every file of the manifest.

    The files are hashed on parallel threads (``hashlib`` and file reads release the GIL),
    one file per thread, so a load takes about as long as its largest file rather than the
    sum of all of them. Returns each role's bytes, or its path for the roles in ``leave``.
    """

    def check(role: str) -> bytes | Path:
        if role in leave:
            if verify:
                return _stream_checked(directory, files[role], role)
            return _size_checked(directory, files[role], role)
        return _read_checked(directory, files[role], role)

    roles = [role for role in FILE_ROLES if role in files]
    if len(roles) < 2:
        return {role: check(role) for role in roles}
    with ThreadPoolExecutor(max_workers=min(len(roles), os.cpu_count() or 1)) as pool:
        return dict(zip(roles, pool.map(check, roles), strict=True))


def read_index_dir(
    path: str | os.PathLike[str], *, mmap_vectors: bool = False, mapped: bool = False, verify: bool = True
) -> StoredIndex:
    """Read and verify an index directory.

    Args:
        path: The index directory.
        mmap_vectors: Do not read the vectors file into memory: verify its sha256 by
            streaming it and return its path as ``vectors_path`` (``vectors`` is empty), for
            a store that memory-maps it. Data files are never modified once written (a save
            writes a new generation), so the verified file stays valid while it exists.
        mapped: As ``mmap_vectors``, for every file that can be left on disk: the claims
            (with their row file; read as before when an older index has none), the BM25
            index, the text vectors and the filter columns. Their paths are in ``paths``, their bytes empty.
        verify: With ``mapped`` or ``mmap_vectors``: ``False`` checks only the size of the files
            left on disk instead of streaming them through sha256 (files read into memory are
            always hashed). For trusted storage, where a load must be fast; a file altered
            without a change of size then goes unnoticed.

    Raises:
        MissingIndexError: the directory or its manifest does not exist.
        CorruptIndexError: the manifest is unreadable, a file is missing, or a checksum differs.
    """
    directory = Path(path)
    for attempt in range(_READ_RETRIES):
        manifest = _read_manifest(directory)
        files = manifest["files"]
        leave = set(MAPPABLE_ROLES) if mapped else ({"vectors"} if mmap_vectors else set())
        if "claimrows" not in files:
            leave.discard("claims")
        try:
            data: dict[str, bytes | None] = dict.fromkeys(FILE_ROLES)
            paths: dict[str, Path] = {}
            for role, got in _verify_files(directory, files, leave, verify).items():
                if isinstance(got, Path):
                    paths[role], data[role] = got, b""
                else:
                    data[role] = got
        except FileNotFoundError as exc:
            if attempt + 1 < _READ_RETRIES:  # a concurrent save may have just swapped generations
                continue
            raise CorruptIndexError(
                f"{directory} is partial: {exc.filename} named in the manifest is missing; rebuild the index"
            ) from exc
        return StoredIndex(
            manifest=manifest,
            vectors=data["vectors"] or b"",
            claims=data["claims"] or b"",
            lexical=data["lexical"],
            text_vectors=data["textvectors"],
            vectors_path=paths.get("vectors") if mmap_vectors and not mapped else None,
            claim_rows=data["claimrows"],
            paths=paths if mapped else None,
            filters=data["filters"],
        )
    raise AssertionError("unreachable")  # pragma: no cover
