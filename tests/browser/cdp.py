"""A tiny Chrome DevTools Protocol client over ``--remote-debugging-pipe`` (standard library only).

Chromium reads commands from file descriptor 3 and writes replies and events to descriptor 4, each
message a JSON object ended by a NUL byte. No port is opened and no websocket is needed, so the
browser tests run offline with Debian's ``chromium`` and no extra Python package.

    with Browser.launch(profile_dir) as browser:
        page = browser.new_page()
        page.goto("http://127.0.0.1:8000/")
        page.screenshot(path)
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--lang=vi-VN",
    "--remote-debugging-pipe",
)


class CDPError(RuntimeError):
    """The browser answered a command with an error, or did not answer in time."""


def find_chromium() -> str | None:
    """The chromium executable: $CHROMIUM, else ``chromium`` or ``chromium-browser`` on PATH."""
    env = os.environ.get("CHROMIUM")
    if env:
        return shutil.which(env) or env
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Process:
    """A spawned child: wait with a timeout, kill."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def kill(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)


class Browser:
    """One headless chromium process driven through the debugging pipe."""

    def __init__(self, proc: Process, to_browser: int, from_browser: int,
                 stderr_path: Path) -> None:
        self.proc = proc
        self._out = os.fdopen(to_browser, "wb", buffering=0)
        self._in = os.fdopen(from_browser, "rb", buffering=0)
        self.stderr_path = stderr_path
        self._next_id = 0
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._replies: dict[int, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []
        self._closed = False
        self._reader = threading.Thread(target=self._read_loop, name="cdp-reader", daemon=True)
        self._reader.start()

    # ------------------------------------------------------------------ process
    @classmethod
    def launch(cls, profile_dir: Path, executable: str | None = None,
               width: int = 1280, height: int = 900) -> Browser:
        exe = executable or find_chromium()
        if exe is None:
            raise FileNotFoundError("chromium not found")
        profile_dir.mkdir(parents=True, exist_ok=True)
        log_path = profile_dir.parent / f"{profile_dir.name}-chromium.log"
        args = [exe, *FLAGS, f"--user-data-dir={profile_dir}",
                f"--window-size={width},{height}", "about:blank"]
        # The child reads commands on fd 3 and writes on fd 4. Our pipe ends are first moved above
        # fd 10 so that the dup2 actions below never overwrite one another.
        r3, w3 = os.pipe()
        r4, w4 = os.pipe()
        child_in = fcntl.fcntl(r3, fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(w4, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(r3)
        os.close(w4)
        log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o644)
        null_fd = os.open(os.devnull, os.O_RDONLY | os.O_CLOEXEC)
        try:
            pid = os.posix_spawn(exe, args, dict(os.environ), file_actions=[
                (os.POSIX_SPAWN_DUP2, null_fd, 0),
                (os.POSIX_SPAWN_DUP2, log_fd, 1),
                (os.POSIX_SPAWN_DUP2, log_fd, 2),
                (os.POSIX_SPAWN_DUP2, child_in, 3),
                (os.POSIX_SPAWN_DUP2, child_out, 4),
            ])
        finally:
            for fd in (child_in, child_out, log_fd, null_fd):
                os.close(fd)
        return cls(Process(pid), w3, r4, log_path)

    def close(self) -> None:
        if self._closed and self.proc.returncode is not None:
            return
        if not self._closed:
            with contextlib.suppress(CDPError, OSError):
                self.send("Browser.close", timeout=5)
        self._closed = True
        if not self.proc.wait(timeout=10):
            self.proc.kill()
            self.proc.wait(timeout=10)
        for fh in (self._out, self._in):
            with contextlib.suppress(OSError):
                fh.close()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # ------------------------------------------------------------------ protocol
    def _read_loop(self) -> None:
        buf = b""
        while True:
            try:
                chunk = self._in.read(65536)
            except (OSError, ValueError):
                chunk = b""
            if not chunk:
                with self._cond:
                    self._closed = True
                    self._cond.notify_all()
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw.decode("utf-8"))
                with self._cond:
                    if "id" in msg:
                        self._replies[msg["id"]] = msg
                    else:
                        self.events.append(msg)
                    self._cond.notify_all()

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None, timeout: float = 30) -> dict[str, Any]:
        with self._lock:
            self._next_id += 1
            mid = self._next_id
        msg: dict[str, Any] = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self._out.write(json.dumps(msg).encode("utf-8") + b"\0")
        deadline = time.monotonic() + timeout
        with self._cond:
            while mid not in self._replies:
                left = deadline - time.monotonic()
                if left <= 0 or (self._closed and mid not in self._replies):
                    raise CDPError(f"no reply to {method} within {timeout} s")
                self._cond.wait(left)
            reply = self._replies.pop(mid)
        if "error" in reply:
            raise CDPError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    def wait_event(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 30,
                   start: int = 0) -> dict[str, Any]:
        """The first event (from index ``start``) for which ``predicate`` is true."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for ev in self.events[start:]:
                    if predicate(ev):
                        return ev
                left = deadline - time.monotonic()
                if left <= 0:
                    raise CDPError("event not seen in time")
                self._cond.wait(left)

    def allow_downloads(self, folder: Path) -> None:
        """Save what pages download into ``folder`` (under the name the page gives)."""
        folder.mkdir(parents=True, exist_ok=True)
        self.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder),
                                                  "eventsEnabled": True})

    def new_page(self) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        session = attached["sessionId"]
        page = Page(self, session)
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(f"{domain}.enable")
        return page


class Page:
    """One tab; records console messages, exceptions, log entries and requests."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    def send(self, method: str, params: dict[str, Any] | None = None,
             timeout: float = 30) -> dict[str, Any]:
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def close(self) -> None:
        """Close the tab (its timers stop: a page that autosaves cannot write after its test)."""
        target = self.send("Target.getTargetInfo")["targetInfo"]["targetId"]
        self.browser.send("Target.closeTarget", {"targetId": target})

    def _mine(self) -> list[dict[str, Any]]:
        return [e for e in list(self.browser.events) if e.get("sessionId") == self.session]

    def goto(self, url: str, timeout: float = 30) -> None:
        start = len(self.browser.events)
        reply = self.send("Page.navigate", {"url": url})
        if reply.get("errorText"):
            raise CDPError(f"navigation to {url} failed: {reply['errorText']}")
        self.browser.wait_event(
            lambda e: (e.get("sessionId") == self.session
                       and e.get("method") == "Page.loadEventFired"),
            timeout=timeout, start=start)

    def evaluate(self, expression: str, timeout: float = 30) -> Any:
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                               "awaitPromise": True}, timeout=timeout)
        if "exceptionDetails" in reply:
            raise CDPError(f"script failed: {reply['exceptionDetails']}")
        return reply.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 15, interval: float = 0.1) -> Any:
        """Evaluate ``expression`` until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise CDPError(f"timed out waiting for: {expression}")
            time.sleep(interval)

    def type_text(self, text: str) -> None:
        """Type like a keyboard: keydown (with the character), keyup, for each character."""
        for ch in text:
            self.send("Input.dispatchKeyEvent",
                      {"type": "keyDown", "text": ch, "unmodifiedText": ch, "key": ch})
            self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": ch})

    #: Keys :meth:`press` knows: name → (code, Windows virtual key code, text typed).
    KEYS: ClassVar[dict[str, tuple[str, int, str]]] = {
        "Enter": ("Enter", 13, "\r"), "Tab": ("Tab", 9, ""), " ": ("Space", 32, " "),
        "Escape": ("Escape", 27, ""), "ArrowDown": ("ArrowDown", 40, ""),
        "ArrowUp": ("ArrowUp", 38, "")}

    def press(self, key: str, shift: bool = False) -> None:
        """Press and release one key of :data:`KEYS` on the focused element, as a keyboard does."""
        code, vk, text = self.KEYS[key]
        down: dict[str, Any] = {"type": "keyDown" if text else "rawKeyDown", "key": key, "code": code,
                                "windowsVirtualKeyCode": vk, "modifiers": 8 if shift else 0}
        if text:
            down["text"] = down["unmodifiedText"] = text
        self.send("Input.dispatchKeyEvent", down)
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code,
                                             "windowsVirtualKeyCode": vk,
                                             "modifiers": 8 if shift else 0})

    def set_viewport(self, width: int, height: int, mobile: bool = False) -> None:
        """Lay the page out as on a screen ``width`` CSS pixels wide (a phone with ``mobile``)."""
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                         "deviceScaleFactor": 1, "mobile": mobile})

    def click(self, selector: str) -> None:
        box = self.evaluate(
            "(() => { const el = document.querySelector(" + json.dumps(selector) + ");"
            " el.scrollIntoView({block: 'nearest'}); const r = el.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        x, y = box
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left",
                                                   "clickCount": 1})

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            size = self.evaluate("[document.documentElement.scrollWidth,"
                                 " document.documentElement.scrollHeight]")
            params["clip"] = {"x": 0, "y": 0, "width": size[0], "height": min(size[1], 8000),
                              "scale": 1}
        data = self.send("Page.captureScreenshot", params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    # ------------------------------------------------------------------ what went wrong
    def console_errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors seen on this page."""
        out: list[str] = []
        for ev in self._mine():
            method = ev.get("method")
            params = ev.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append("console: " + " ".join(str(a.get("value", a.get("description", "")))
                                                  for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                out.append("exception: " + str(details.get("exception", {}).get("description")
                                               or details.get("text")))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                out.append(f"log: {entry.get('text')} {entry.get('url', '')}".strip())
        return out

    def requested_urls(self) -> list[str]:
        return [ev["params"]["request"]["url"] for ev in self._mine()
                if ev.get("method") == "Network.requestWillBeSent"]
