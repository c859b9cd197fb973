"""Click commands for push, synth (wired into kg.cli by register())."""

from __future__ import annotations

import click


def register(cli: click.Group) -> None:
    """Add this stage's commands to the ``kg`` group."""
