"""A status page's record read live over HTTP(S): bounded in time and size, never redirected to
another scheme, every failure one clear message naming the address.

Time is bounded three ways, at the socket (every byte of the exchange, the status line and the
headers included, is read through `_MeteredSocket`): no wait for a byte longer than TIMEOUT; the
whole exchange, redirects included, within DEADLINE; and once GRACE seconds have passed since the
answer began, at least MIN_RATE bytes a second on average. A server that sends one byte a second
keeps each read short, so only the last two stop it."""

from __future__ import annotations

import http.client
import io
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

from ..version import __version__
from ..diagnostics import FileUnusable, ImportFailed, printable

TIMEOUT = 20  # seconds a connection or a read may wait
DEADLINE = 180  # seconds the whole exchange may take: a 64 MB answer at 0.4 MB/s
MIN_RATE = 1024  # bytes a second, on average from the answer's first byte, once GRACE seconds have passed
GRACE = 20  # seconds
MAX_REDIRECTS = 5


class _Exchange:
    """The clock and the byte count of one exchange (one address and its redirects)."""

    def __init__(self, shown: str, timeout: float):
        self.shown, self.timeout = shown, timeout
        self.start = time.monotonic()
        self.first: float | None = None
        self.received = 0

    def wait(self) -> float:
        """How long the next wait may last: the timeout, or what is left of the deadline."""
        left = self.start + DEADLINE - time.monotonic()
        if left <= 0:
            raise FileUnusable(f"{self.shown}: no whole answer within {DEADLINE:g} s ({self.received:,} bytes came): given up")
        return min(self.timeout, left)

    def got(self, count: int) -> None:
        now = time.monotonic()
        if self.first is None:
            self.first = now
        self.received += count
        spent = now - self.first
        if spent > GRACE and self.received < MIN_RATE * spent:
            raise FileUnusable(f"{self.shown}: the answer comes too slowly ({self.received:,} bytes in {spent:.0f} s, "
                               f"under {MIN_RATE:,} bytes a second): given up")


class _MeteredSocket:
    """A connected socket whose every read is bounded by the exchange's clock (a stand-in for the
    socket object http.client reads through: its `makefile` and `close` keep the socket's rule that
    the socket closes when the last file made of it is closed)."""

    def __init__(self, sock, exchange: _Exchange):
        self._sock, self._exchange = sock, exchange
        self._files, self._closed = 0, False

    def recv_into(self, buffer, nbytes: int = 0) -> int:
        self._sock.settimeout(self._exchange.wait())
        try:
            count = self._sock.recv_into(buffer, nbytes)
        except TimeoutError:
            self._exchange.wait()  # raises when it was the deadline that ran out
            raise
        self._exchange.got(count)
        return count

    def makefile(self, mode: str = "rb", buffering: int | None = None, **_):
        self._files += 1
        return io.BufferedReader(socket.SocketIO(self, "rb"), buffering or io.DEFAULT_BUFFER_SIZE)  # type: ignore[arg-type]  # a socket in all but name: SocketIO calls recv_into

    def _decref_socketios(self) -> None:
        self._files -= 1
        if self._closed and self._files <= 0:
            self._sock.close()

    def close(self) -> None:
        self._closed = True
        if self._files <= 0:
            self._sock.close()

    def __getattr__(self, name):
        return getattr(self._sock, name)


def _metered(base, exchange: _Exchange):
    """`base` (HTTPConnection or HTTPSConnection) connecting within the exchange's clock, then
    reading through a metered socket."""

    class Metered(base):
        def connect(self):
            self.timeout = exchange.wait()  # the TLS handshake, too, is bounded by it as a whole
            super().connect()
            self.sock = _MeteredSocket(self.sock, exchange)

    return Metered


class _Plain(urllib.request.HTTPHandler):
    def __init__(self, exchange: _Exchange):
        super().__init__()
        self.exchange = exchange

    def http_open(self, req):
        return self.do_open(_metered(http.client.HTTPConnection, self.exchange), req)


class _Secure(urllib.request.HTTPSHandler):
    def __init__(self, exchange: _Exchange):
        super().__init__()
        self.exchange = exchange

    def https_open(self, req):
        return self.do_open(_metered(http.client.HTTPSConnection, self.exchange), req, context=self._context)


def is_address(text: str) -> bool:
    return str(text).lower().startswith(("http://", "https://"))


def statuspage_address(url: str) -> str:
    """A Statuspage's base address ('https://www.githubstatus.com') → its incident list; an
    address of a .json answer stays as it is."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:  # 'http://[::1': fetch names it
        return url
    if parts.path.endswith(".json"):
        return url
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/api/v2/incidents.json", "", ""))


class _SameScheme(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, and none to another scheme (https → http, file:);
    credentials (an Authorization header) go only to the host they were given for: a redirect to
    another host or port is followed without them."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if new.scheme.lower() != old.scheme.lower():
            raise ImportFailed(f"{printable(req.full_url[:300])}: redirected to another scheme ({printable(newurl[:200])}): not followed")
        following = super().redirect_request(req, fp, code, msg, headers, newurl)
        if following is not None and (new.hostname, new.port) != (old.hostname, old.port):
            following.remove_header("Authorization")
        return following


def fetch(url: str, limit: int, timeout: float | None = None, accept: str = "application/json",
          headers: dict[str, str] | None = None) -> bytes:
    """The body at `url`, at most `limit` bytes; `headers` are sent with the request (an API
    token's: never shown in a message). Raises ImportFailed (a bad answer) or FileUnusable (nothing
    to read: offline, no such host, refused), naming the address."""
    timeout = TIMEOUT if timeout is None else timeout
    shown = printable(url[:300])
    try:
        parts = urllib.parse.urlsplit(url)
        usable = parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # 'http://[::1' (an unclosed IPv6 address), a port past 65535
        usable = False
    if not usable:
        raise FileUnusable(f"{shown}: not an http(s) address")
    exchange = _Exchange(shown, timeout)
    opener = urllib.request.build_opener(_SameScheme(), _Plain(exchange), _Secure(exchange))
    request = urllib.request.Request(url, headers={"User-Agent": f"incident/{__version__}", "Accept": accept})
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with opener.open(request, timeout=timeout) as answer:
            declared = answer.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise ImportFailed(f"{shown}: the answer is {int(declared):,} bytes, more than {limit >> 20} MB: too large, not read")
            chunks, total = [], 0
            while chunk := answer.read(1 << 16):
                total += len(chunk)
                if total > limit:
                    raise ImportFailed(f"{shown}: the answer is more than {limit >> 20} MB: too large, not read")
                chunks.append(chunk)
            if declared and declared.isdigit() and total < int(declared):
                raise ImportFailed(f"{shown}: the answer broke off after {total:,} of {int(declared):,} bytes")
            return b"".join(chunks)
    except (ImportFailed, FileUnusable):
        raise
    except urllib.error.HTTPError as exc:
        reason = (str(exc.reason).splitlines() or [""])[0]
        raise ImportFailed(f"{shown}: HTTP {exc.code} {printable(reason)[:100]}") from None
    except urllib.error.URLError as exc:
        why: str | BaseException = exc.reason
        if isinstance(why, TimeoutError) or "timed out" in str(why):
            raise FileUnusable(f"{shown}: no answer within {timeout:g} s") from None
        raise FileUnusable(f"{shown}: cannot be reached ({printable(str(why))[:200]}): offline, or no such host?") from None
    except TimeoutError:
        raise FileUnusable(f"{shown}: no answer within {timeout:g} s") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:  # reset or cut short mid-answer, a malformed header
        raise ImportFailed(f"{shown}: the answer broke off ({printable(str(exc))[:200]})") from None
