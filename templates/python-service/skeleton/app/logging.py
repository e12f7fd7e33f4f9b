"""JSON logs, one object per line: the format the platform's log collector ships."""

import json
import logging
import re
import sys
from datetime import UTC, datetime

_TRACEPARENT = re.compile(
    r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$"
)


def parse_traceparent(header: str | None) -> tuple[str, str] | None:
    """Reads the trace and span ids of a W3C traceparent header, or None."""
    if not header:
        return None
    match = _TRACEPARENT.match(header)
    if not match:
        return None
    version, trace_id, span_id, _ = match.groups()
    if version == "ff" or set(trace_id) == {"0"} or set(span_id) == {"0"}:
        return None
    return trace_id, span_id


class JsonFormatter(logging.Formatter):
    """Formats a record as a JSON object with its extra fields."""

    _reserved = set(vars(logging.makeLogRecord({})))

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in self._reserved and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def new_logger(name: str = "${{ values.name }}", stream=sys.stdout) -> logging.Logger:
    """A logger writing JSON lines to stdout."""
    logger = logging.getLogger(name)
    logger.handlers.clear()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger
