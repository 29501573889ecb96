"""Drive Debian's headless chromium over the Chrome DevTools Protocol, on a pipe.

``chromium --remote-debugging-pipe`` reads protocol commands from file descriptor 3 and writes
answers and events to descriptor 4, each message JSON ended by a NUL byte
(https://chromedevtools.github.io/devtools-protocol/). That is all a test needs to click, type,
download and take screenshots as a person would, without a WebSocket client or a browser download of
its own (no Playwright/Selenium: the browser is the distribution's package).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import subprocess
import time
from pathlib import Path
from typing import Any


class CdpError(RuntimeError):
    """A protocol command answered with an error, or the browser went quiet."""


def _above_4(fd: int) -> int:
    """The same pipe end on a descriptor above 9, so putting others on 3 and 4 cannot overwrite it."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


class Chromium:
    """One headless chromium process; :meth:`page` opens a tab. Use as a context manager."""

    def __init__(self, executable: str, profile: Path, *, width: int = 1360, height: int = 900) -> None:
        self.log = profile.parent / f"{profile.name}-chromium.log"
        self._log = self.log.open("wb")
        to_browser_r, self._to_browser = map(_above_4, os.pipe())
        self._from_browser, from_browser_w = map(_above_4, os.pipe())
        args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--remote-debugging-pipe",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            "about:blank",
        ]
        # bash (dash takes one-digit descriptors only) puts the two pipe ends on 3 and 4, then becomes chromium.
        self.process = subprocess.Popen(
            ["bash", "-c", f'exec "$@" 3<&{to_browser_r} 4>&{from_browser_w}', "sh", executable, *args],
            pass_fds=(to_browser_r, from_browser_w),
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.size = (width, height)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Ask the browser to quit; kill it when it does not within 10 s."""
        with contextlib.suppress(CdpError, OSError):
            self.call("Browser.close", timeout=5)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._log.close()

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise CdpError("chromium sent nothing in time")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                tail = self.log.read_text(errors="replace")[-1500:]
                raise CdpError(f"chromium closed the pipe; its log ends:\n{tail}")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        result: dict[str, Any] = json.loads(message)
        return result

    def call(
        self, method: str, session: str | None = None, timeout: float = 30, **params: Any
    ) -> dict[str, Any]:
        """Send one command and wait for its answer (events meanwhile go to :attr:`events`)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise CdpError(f"{method}: {answer['error'].get('message')}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            if "method" in answer:
                self.events.append(answer)

    def wait_event(self, method: str, *, since: int = 0, timeout: float = 30, **match: Any) -> dict[str, Any]:
        """The first event ``method`` whose params include ``match``, among :attr:`events` from index
        ``since`` on and those still to come."""
        deadline = time.monotonic() + timeout
        seen = since
        while True:
            for event in self.events[seen:]:
                params = event.get("params", {})
                if event["method"] == method and all(params.get(k) == v for k, v in match.items()):
                    return params
            seen = len(self.events)
            answer = self._read(deadline)
            if "method" in answer:
                self.events.append(answer)

    def allow_downloads(self, directory: Path) -> None:
        """Save downloads into ``directory`` under the names the page gives them."""
        self.call(
            "Browser.setDownloadBehavior", behavior="allow", downloadPath=str(directory), eventsEnabled=True
        )

    def page(self) -> Page:
        """A new tab, with the window's size as its viewport."""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        page = Page(self, target, session)
        page.call("Page.enable")
        page.call("Runtime.enable")
        width, height = self.size
        page.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        return page


class Page:
    """One tab: navigate, evaluate JavaScript, click and type with real input events, screenshots."""

    def __init__(self, browser: Chromium, target: str, session: str) -> None:
        self.browser = browser
        self.target = target
        self.session = session

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.call(method, self.session, **params)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        answer = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            raise CdpError(details.get("exception", {}).get("description") or details.get("text"))
        return answer["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20) -> Any:
        """Poll ``expression`` until it is truthy (a navigation in between is waited out)."""
        deadline = time.monotonic() + timeout
        last: object = None
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(expression)
            except CdpError as exc:  # the page is between two documents
                last = exc
            else:
                if value:
                    return value
                last = value
            time.sleep(0.05)
        raise CdpError(f"timed out waiting for {expression!r} (last: {last!r})")

    def goto(self, url: str) -> None:
        """Load ``url`` (redirects followed) and wait until the new document has loaded."""
        self.evaluate("window.__leaving = true")  # gone once the next document is in place
        self.call("Page.navigate", url=url)
        self.wait_for("!window.__leaving && document.readyState === 'complete'")

    def close(self) -> None:
        """Close the tab."""
        self.browser.call("Target.closeTarget", targetId=self.target)

    def center(self, selector: str) -> tuple[float, float]:
        """The centre of the element ``selector`` picks, scrolled into view."""
        box = self.wait_for(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return null;"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return r.width && r.height ? [r.x + r.width / 2, r.y + r.height / 2] : null; })()"
        )
        return float(box[0]), float(box[1])

    def click(self, selector: str) -> None:
        """A left click, as mouse events at the element's centre."""
        x, y = self.center(selector)
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def type_text(self, text: str) -> None:
        """Text typed into whatever has the focus."""
        self.call("Input.insertText", text=text)

    def press(self, key: str, code: str, key_code: int, *, ctrl: bool = False) -> None:
        """One key press (down and up), with Ctrl held when asked."""
        modifiers = 2 if ctrl else 0
        for kind in ("rawKeyDown", "keyUp"):
            self.call(
                "Input.dispatchKeyEvent",
                type=kind,
                key=key,
                code=code,
                windowsVirtualKeyCode=key_code,
                modifiers=modifiers,
            )

    def screenshot(self, path: Path) -> None:
        """The whole page as a PNG: the viewport grown to the page's height, laid out again, captured
        (capturing beyond the viewport instead would skip the page's own re-measuring, e.g. the editor's)."""
        width, height = self.browser.size
        content = self.call("Page.getLayoutMetrics")["cssContentSize"]
        full = max(height, int(content["height"]) + 1)
        self.call(
            "Emulation.setDeviceMetricsOverride", width=width, height=full, deviceScaleFactor=1, mobile=False
        )
        self.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        data = self.call("Page.captureScreenshot", format="png")["data"]
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
