"""Security: the UI serves on the loopback address unless --host says otherwise, a login
(--auth or ASSISTANT_AUTH) refuses unauthenticated API calls, and none of Gradio's
file-serving routes hands out a file outside what the app means to serve (path traversal,
URL-encoded and absolute paths, files of the checkout itself). Every request goes to
127.0.0.1 and their number is fixed.
"""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import gradio as gr
import pytest

import ui

from .conftest import ROOT

pytestmark = [
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]
HOST = "127.0.0.1"
QUESTION = "镇法律顾问审查了多少份民事合同？"
USER, PASSWORD = "reader", "s3cret-pass"

# Files that must never be served, and a line each that only the real file contains.
SECRETS = {
    "/etc/passwd": "root:x:0:0",
    str(ROOT / "pyproject.toml"): "[build-system]",
    str(ROOT / "tests" / "conftest.py"): "def embedder()",
    str(ROOT / "assistant" / "config.py"): "class ChunkSettings",
}
# Every route of Gradio 6 (gradio/routes.py) that turns a URL path into a file response.
FILE_ROUTES = [
    "/file=",
    "/gradio_api/file=",
    "/gradio_api/file/",
    "/gradio_api/proxy=",
    "/static/",
    "/assets/",
    "/svelte/",
    "/gradio_api/custom_component/x/client/js/",
    "/pwa_icon/",
    "/monitoring/",
    "/gradio_api/stream/x/0/0/playlist-file?path=",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """One GET with the path sent exactly as given (no client-side normalisation of ../)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(2_000_000)
    finally:
        connection.close()


def traversals(target: str) -> list[str]:
    """Ways to spell `target` in a URL: ../ chains, encoded, double-encoded, absolute."""
    relative = target.lstrip("/")
    inside_repo = Path(target).is_relative_to(ROOT)
    spellings = [
        "../" * 8 + relative,
        "..%2F" * 8 + quote(relative, safe=""),
        "%2e%2e/" * 8 + relative,
        "%252e%252e%252f" * 8 + quote(quote(relative, safe=""), safe=""),
        "..\\" * 8 + relative.replace("/", "\\"),
        "....//" * 8 + relative,
        target,
        quote(target, safe=""),
        "/" + target,
        "file://" + target,
    ]
    if inside_repo:  # relative to the server's working directory (the checkout)
        local = str(Path(target).relative_to(ROOT))
        spellings += [local, "./" + local, "source/../" + local, "index/../" + local]
    return spellings


@pytest.fixture(scope="module")
def served(engine: Any) -> Iterator[int]:
    demo = ui.build_demo(engine)
    port = free_port()
    ui.launch(demo, host=HOST, port=port, block=False)
    yield port
    demo.close()


@pytest.fixture(scope="module")
def locked(engine: Any) -> Iterator[int]:
    demo = ui.build_demo(engine)
    port = free_port()
    ui.launch(demo, host=HOST, port=port, auth=(USER, PASSWORD), block=False)
    yield port
    demo.close()


# ---------------------------------------------------------------- host and login defaults


def test_the_default_host_is_loopback() -> None:
    assert ui.parser().parse_args([]).host == "127.0.0.1"
    assert ui.launch.__kwdefaults__ is not None
    assert ui.launch.__kwdefaults__["host"] == "127.0.0.1"


@pytest.mark.parametrize(
    ("argv", "env", "host", "auth"),
    [
        ([], None, "127.0.0.1", None),
        (["--host", "0.0.0.0"], None, "0.0.0.0", None),
        (["--auth", f"{USER}:{PASSWORD}"], None, "127.0.0.1", (USER, PASSWORD)),
        ([], f"{USER}:{PASSWORD}", "127.0.0.1", (USER, PASSWORD)),
        (["--auth", "a:b"], f"{USER}:{PASSWORD}", "127.0.0.1", ("a", "b")),  # the flag wins
    ],
    ids=["default", "host-flag", "auth-flag", "auth-env", "flag-over-env"],
)
def test_main_passes_host_and_login_to_launch(
    argv: list[str],
    env: str | None,
    host: str,
    auth: tuple[str, str] | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr("assistant.engine.Engine.open", classmethod(lambda cls, s: object()))
    monkeypatch.setattr(ui, "build_demo", lambda engine: "demo")
    monkeypatch.setattr(ui, "launch", lambda demo, **kwargs: seen.update(kwargs))
    if env is None:
        monkeypatch.delenv("ASSISTANT_AUTH", raising=False)
    else:
        monkeypatch.setenv("ASSISTANT_AUTH", env)
    assert ui.main(argv) == 0
    assert seen["host"] == host and seen["auth"] == auth


@pytest.mark.slow
def test_the_server_listens_on_loopback_only(served: int) -> None:
    import psutil

    listening = [
        c.laddr
        for c in psutil.net_connections(kind="tcp")
        if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == served
    ]
    assert listening and all(address.ip == HOST for address in listening)


@pytest.mark.slow
def test_a_login_refuses_unauthenticated_api_calls(locked: int) -> None:
    from gradio_client import Client

    url = f"http://{HOST}:{locked}/"
    for path in ["/config", "/gradio_api/info", "/gradio_api/file=pyproject.toml"]:
        status, body = get(locked, path)
        assert status in (401, 403), (path, status)
        assert b"[build-system]" not in body
    with pytest.raises(Exception):  # noqa: B017 -- gradio_client raises a bare ValueError
        Client(url, verbose=False).predict(QUESTION, api_name="/ask")
    with pytest.raises(Exception):  # noqa: B017
        Client(url, auth=(USER, "wrong"), verbose=False)
    payload = Client(url, auth=(USER, PASSWORD), verbose=False).predict(QUESTION, api_name="/ask")
    assert "299份" in payload["answer"]


@pytest.mark.slow
def test_a_login_refuses_a_direct_queue_call(locked: int) -> None:
    connection = http.client.HTTPConnection(HOST, locked, timeout=10)
    try:
        body = json.dumps({"data": [QUESTION], "fn_index": 0, "session_hash": "x"})
        connection.request(
            "POST", "/gradio_api/queue/join", body.encode(), {"Content-Type": "application/json"}
        )
        assert connection.getresponse().status in (401, 403)
    finally:
        connection.close()


# ---------------------------------------------------------------- path traversal


@pytest.mark.slow
@pytest.mark.parametrize("route", FILE_ROUTES)
def test_no_file_route_serves_files_outside_the_app(served: int, route: str) -> None:
    leaks = []
    for target, marker in SECRETS.items():
        for spelling in traversals(target):
            status, body = get(served, route + spelling)
            if marker.encode() in body:
                leaks.append(f"{route}{spelling} -> {status}")
    assert not leaks


@pytest.mark.slow
def test_the_served_app_still_works(served: int) -> None:
    """The traversal checks prove something only if the server answers real requests."""
    status, body = get(served, "/")
    assert status == 200 and "报告问答助手".encode() in body
    status, _ = get(served, "/gradio_api/info")
    assert status == 200
    status, body = get(served, "/static/img/logo.svg")  # /static serves its own files
    assert status == 200 and b"<svg" in body


@pytest.mark.slow
def test_an_upload_cannot_write_outside_gradios_cache(served: int, tmp_path: Path) -> None:
    escape_to = tmp_path / "escaped.txt"
    name = "../" * 12 + str(escape_to).lstrip("/")
    boundary = "ra-boundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
        f"Content-Type: text/plain\r\n\r\nnot for you\r\n--{boundary}--\r\n"
    ).encode()
    connection = http.client.HTTPConnection(HOST, served, timeout=10)
    try:
        connection.request(
            "POST",
            "/gradio_api/upload",
            body,
            {"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        response = connection.getresponse()
        status, reply = response.status, response.read()
    finally:
        connection.close()
    assert not escape_to.exists()
    if status == 200:
        (stored,) = json.loads(reply)
        assert Path(stored).resolve().is_relative_to(Path(gr.utils.get_upload_folder()).resolve())
        status, body = get(served, "/gradio_api/file=" + quote(stored))  # served back from there
        assert status == 200 and body == b"not for you"
