"""Progress shows on a terminal after a second of work, and never in a pipe."""

import io

from incident.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_shown_on_a_terminal_after_a_second_and_cleared():
    now = [0.0]
    stream = Terminal()
    progress = Progress(stream, "drawing charts", clock=lambda: now[0])
    progress(1, 10)
    assert stream.getvalue() == ""  # the first second is quiet
    now[0] = 1.5
    progress(5, 10)
    assert stream.getvalue() == "\rdrawing charts: 5 of 10\033[K"
    progress.close()
    assert stream.getvalue().endswith("\r\033[K")


def test_progress_is_silent_in_a_pipe():
    now = [5.0]
    stream = io.StringIO()
    progress = Progress(stream, "rows", clock=lambda: now[0] + 10)
    progress(100)
    progress.close()
    assert stream.getvalue() == ""
