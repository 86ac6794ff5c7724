"""Debian's nginx on a free loopback port, with the server block from docs/nginx.conf, for the tests."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    def __init__(self, root: Path, workdir: Path) -> None:
        assert Path(NGINX).exists(), "nginx is missing: `make test` installs Debian's nginx"
        self.port = free_port()
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        block = (REPO / "docs" / "nginx.conf").read_text(encoding="utf-8")
        block = block.replace("listen 80;", f"listen 127.0.0.1:{self.port};")
        block = re.sub(r"root [^;]+;", f"root {root};", block)
        (workdir / "nginx.conf").write_text(
            f"""daemon off;
{"user root;" if os.geteuid() == 0 else ""}
pid {workdir}/nginx.pid;
error_log {workdir}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {workdir}/access.log;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
{block}
}}
""",
            encoding="utf-8",
        )
        self.process = subprocess.Popen(
            [NGINX, "-p", str(workdir), "-c", str(workdir / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"nginx stopped: {self.process.stderr.read().decode()}")
            try:
                urllib.request.urlopen(self.url + "/", timeout=1)
                return
            except OSError as error:
                if getattr(error, "code", None):  # an HTTP answer (even 404) means it is up
                    return
                time.sleep(0.1)
        raise AssertionError("nginx did not start within 20 s")

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(self.url + path, headers={"Accept-Encoding": "gzip"})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                body = response.read()
                if response.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                return response.status, dict(response.headers), body
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
