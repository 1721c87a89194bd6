"""A status page's record read live over HTTP(S): bounded in time and size, never redirected to
another scheme, every failure one clear message naming the address."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request

from .. import __version__
from ..diagnostics import FileUnusable, ImportFailed, printable

TIMEOUT = 20  # seconds a connection or a read may wait
MAX_REDIRECTS = 5


def is_address(text: str) -> bool:
    return str(text).lower().startswith(("http://", "https://"))


def statuspage_address(url: str) -> str:
    """A Statuspage's base address ('https://www.githubstatus.com') → its incident list; an
    address of a .json answer stays as it is."""
    parts = urllib.parse.urlsplit(url)
    if parts.path.endswith(".json"):
        return url
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/api/v2/incidents.json", "", ""))


class _SameScheme(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, and none to another scheme (https → http, file:)."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urllib.parse.urlsplit(req.full_url).scheme, urllib.parse.urlsplit(newurl).scheme
        if new.lower() != old.lower():
            raise ImportFailed(f"{req.full_url}: redirected to another scheme ({printable(newurl[:200])}): not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, limit: int, timeout: float | None = None, accept: str = "application/json") -> bytes:
    """The body at `url`, at most `limit` bytes. Raises ImportFailed (a bad answer) or FileUnusable
    (nothing to read: offline, no such host, refused), naming the address."""
    timeout = TIMEOUT if timeout is None else timeout
    shown = printable(url[:300])
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FileUnusable(f"{shown}: not an http(s) address")
    opener = urllib.request.build_opener(_SameScheme())
    request = urllib.request.Request(url, headers={"User-Agent": f"incident/{__version__}", "Accept": accept})
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
    except ImportFailed:
        raise
    except urllib.error.HTTPError as exc:
        reason = (str(exc.reason).splitlines() or [""])[0]
        raise ImportFailed(f"{shown}: HTTP {exc.code} {printable(reason)[:100]}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise FileUnusable(f"{shown}: no answer within {timeout:g} s") from None
        raise FileUnusable(f"{shown}: cannot be reached ({printable(str(reason))[:200]}): offline, or no such host?") from None
    except TimeoutError:
        raise FileUnusable(f"{shown}: no answer within {timeout:g} s") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:  # reset or cut short mid-answer, a malformed header
        raise ImportFailed(f"{shown}: the answer broke off ({printable(str(exc))[:200]})") from None
