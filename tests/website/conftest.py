"""What the live-demo test measured (times, declared tolerances used), printed after the run."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from test_live_demos import REPORT

    if REPORT:
        terminalreporter.section("live demos")
        for line in REPORT:
            terminalreporter.write_line(line)
