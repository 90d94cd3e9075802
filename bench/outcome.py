"""What a measure gives for a page it could not measure, with the reason the table shows."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NotMeasured:
    reason: str
