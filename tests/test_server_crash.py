"""SIGKILL the real server (uvicorn, loopback only) in the middle of writes, then restart it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="the server extra is not installed: pip install -e '.[server]'")
httpx = pytest.importorskip("httpx")

from claimmatch import ClaimIndex  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

KEY = "crash-test-key"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(index_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CLAIMMATCH_API_KEY": KEY, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "claimmatch.server", "--index", str(index_dir), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("the server did not start within 120 s")


@pytest.mark.slow
def test_nothing_acknowledged_is_lost_after_sigkill(default_index: ClaimIndex, tmp_path: Path) -> None:
    index_dir = default_index.save(tmp_path / "idx")
    port = _free_port()
    server = _start(index_dir, port)
    acknowledged: list[str] = []
    stop = threading.Event()

    def write() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for i in range(10_000):
                if stop.is_set():
                    return
                claim_id = f"written-{i}"
                try:
                    response = client.put(
                        f"/claims/{claim_id}",
                        json={"text": f"Fact-check number {i} was written before the crash.", "verdict": "true"},
                        headers={"Authorization": f"Bearer {KEY}"},
                    )
                except httpx.HTTPError:
                    return  # the server died mid-request: this write was never acknowledged
                if response.status_code == 201:
                    acknowledged.append(claim_id)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        deadline = time.monotonic() + 60
        while len(acknowledged) < 15 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.send_signal(signal.SIGKILL)  # while the writer is still sending
        server.wait()
    finally:
        stop.set()
        writer.join()
        server.kill()
    assert len(acknowledged) >= 15

    restarted = ClaimIndex.load(index_dir)  # the index loads: checksums and counts agree
    missing = [claim_id for claim_id in acknowledged if claim_id not in restarted]
    assert not missing, f"acknowledged but lost: {missing}"
    assert len(restarted) in (len(default_index) + len(acknowledged), len(default_index) + len(acknowledged) + 1)

    server = _start(index_dir, port)  # and the server comes back on it
    try:
        response = httpx.get(f"http://127.0.0.1:{port}/claims/{acknowledged[-1]}", timeout=10)
        assert response.status_code == 200
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
