"""Reading a Slack channel's record, bounded: a workspace export (a folder: `users.json`,
`channels.json`, a folder per channel holding a JSON file per day), one channel's folder of it, a
day's file, or a saved `conversations.history` / `conversations.replies` answer. Every file a
regular file under MAX_JSON, at most MAX_FILES day files and MAX_MESSAGES messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import ImportFailed, UsageError, printable
from .reading import as_text, one_line

MAX_JSON = 64 << 20  # bytes of one file of an export, or of an answer
MAX_FILES = 20_000  # day files of one export read (a channel's 50 years)
MAX_MESSAGES = 200_000  # messages of one import
_DAY_FILE = re.compile(r"\d{4}-\d{2}-\d{2}\.json\Z")


@dataclass
class Channel:
    """One channel's messages as read: the raw message objects, and what the export knows of people."""

    path: str  # what messages call it: the folder, file or address
    name: str  # the channel's name ('' when not known)
    ident: str  # the channel's id ('' when not known)
    messages: list[dict] = field(default_factory=list)
    users: dict[str, dict] = field(default_factory=dict)  # user id → users.json's entry
    topic: str = ""  # what the channel says it is about ("INC-318 Checkout API errors")


# ---------------------------------------------------------------- reading


def _json(path, what: str = "a saved Slack answer"):
    from .reading import read_json

    return read_json(path, MAX_JSON, what)


def read_answer(path: str) -> Channel:
    """A `conversations.history` / `conversations.replies` answer, or an export's day file (a list)."""
    data = _json(path)
    if isinstance(data, list):  # a day of an export: its folder is the channel
        folder = Path(path).resolve().parent.name if _DAY_FILE.match(Path(path).name) else ""
        return Channel(str(path), folder, "", messages_of(data, str(path)))
    if not isinstance(data, dict):
        raise ImportFailed(f"{path}: expected a Slack answer (an object with 'messages') or a day of an export (a list), "
                           f"found a JSON {type(data).__name__}")
    if data.get("ok") is False:
        raise ImportFailed(f"{path}: a Slack error answer: {printable(as_text(data.get('error'))[:100]) or 'no error named'}")
    if not isinstance(data.get("messages"), list):
        keys = ", ".join(sorted(map(str, data))[:6]) or "none"
        raise ImportFailed(f"{path}: not a Slack conversations answer: no 'messages' list (keys: {printable(keys)[:200]})")
    channel = data.get("channel") if isinstance(data.get("channel"), dict) else {}
    return Channel(str(path), as_text(channel.get("name")), as_text(channel.get("id")), messages_of(data["messages"], str(path)),
                   topic=topic_of(channel))


def messages_of(items: list, where: str) -> list[dict]:
    if len(items) > MAX_MESSAGES:
        raise ImportFailed(f"{where}: more than {MAX_MESSAGES:,} messages: not read")
    return [m for m in items if isinstance(m, dict)]


def read_export(root: Path, wanted: list[str]) -> list[Channel]:
    """A workspace export, or one channel's folder of it (its day files directly inside)."""
    from .reading import folder_files

    files = folder_files(root, MAX_FILES)
    days_here = [f for f in files if f.parent == root and _DAY_FILE.match(f.name)]
    if days_here:  # one channel's folder: its people are in the export above it
        users = _users(root.parent) if (root.parent / "users.json").is_file() or (root.parent / "org_users.json").is_file() else {}
        return [_channel(root, root.name, _known_channels(root.parent).get(root.name, ("", "")), days_here, users)]
    users = _users(root)
    known = _known_channels(root)
    by_channel: dict[str, list[Path]] = {}
    for f in files:
        if f.parent.parent == root and _DAY_FILE.match(f.name):
            by_channel.setdefault(f.parent.name, []).append(f)
    if not by_channel:
        raise ImportFailed(f"{root}: no Slack export in it: no channel folder of day files (YYYY-MM-DD.json)")
    names = sorted(by_channel)
    if wanted:
        missing = [w.lstrip("#") for w in wanted if w.lstrip("#") not in by_channel]
        if missing:
            from ..diagnostics import did_you_mean

            raise UsageError(f"--channel {missing[0]!r}: no such channel in {root}" + did_you_mean(missing[0], tuple(names)))
        names = [w.lstrip("#") for w in dict.fromkeys(wanted)]
    elif len(names) > 1:
        shown = ", ".join(names[:8]) + (f" and {len(names) - 8:,} more" if len(names) > 8 else "")
        raise UsageError(f"{root}: the export has {len(names):,} channels ({shown}): name the incident's with --channel NAME")
    return [_channel(root / name, name, known.get(name, ("", "")), by_channel[name], users) for name in names]


def _channel(folder: Path, name: str, known: tuple[str, str], days: list[Path], users: dict) -> Channel:
    messages: list[dict] = []
    for day in sorted(days):
        data = _json(day, "a day of a Slack export")
        if not isinstance(data, list):
            raise ImportFailed(f"{day}: a day of a Slack export is a list of messages, found a JSON {type(data).__name__}")
        messages += messages_of(data, str(day))
        if len(messages) > MAX_MESSAGES:
            raise ImportFailed(f"{folder}: more than {MAX_MESSAGES:,} messages: not read")
    return Channel(str(folder), name, known[0], messages, users, known[1])


def _users(root: Path) -> dict[str, dict]:
    for name in ("users.json", "org_users.json"):
        if (root / name).is_file():
            data = _json(root / name, "a Slack export's users.json")
            if not isinstance(data, list):
                raise ImportFailed(f"{root / name}: a list of members is expected, found a JSON {type(data).__name__}")
            return {u["id"]: u for u in data if isinstance(u, dict) and isinstance(u.get("id"), str)}
    return {}


def _known_channels(root: Path) -> dict[str, tuple[str, str]]:
    """Channel name → (id, topic), from channels.json, groups.json, mpims.json."""
    found: dict[str, tuple[str, str]] = {}
    for name in ("channels.json", "groups.json", "mpims.json"):
        if (root / name).is_file():
            data = _json(root / name, f"a Slack export's {name}")
            for item in data if isinstance(data, list) else []:
                if isinstance(item, dict) and isinstance(item.get("name"), str):
                    found.setdefault(item["name"], (as_text(item.get("id")), topic_of(item)))
    return found


def topic_of(channel: dict) -> str:
    """A channel object's topic (else its purpose), one line."""
    for key in ("topic", "purpose"):
        value = channel.get(key) if isinstance(channel.get(key), dict) else {}
        text = one_line(value.get("value"))
        if text:
            return text
    return ""
