"""The kind of event a status page's update says by the word it begins with ("Resolved - …"); the
updates and their "Posted …" stamps are found by timetext/stamps.py."""

from __future__ import annotations

STATUS_KINDS = {  # a status page's update, by the word it begins with → (kind, note)
    "investigating": ("acknowledgement", "a status update 'Investigating': the operator acknowledges the problem"),
    "identified": ("communication", "a status update 'Identified': the cause is found"),
    "monitoring": ("mitigation", "a status update 'Monitoring': a fix is in place by then"),
    "resolved": ("resolution", "a status update 'Resolved'"),
    "update": ("communication", "a status update"),
    "verifying": ("mitigation", "a status update 'Verifying': a fix is in place by then"),
    "completed": ("resolution", "a status update 'Completed'"),
    "postmortem": ("communication", "the status page's postmortem"),
}
