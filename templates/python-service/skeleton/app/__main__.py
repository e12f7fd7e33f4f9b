"""Runs the service: listens on $PORT on all interfaces, 8080 by default."""

import os

import uvicorn


def listen_port(environ: dict[str, str]) -> int:
    """The port to listen on: $PORT, 8080 by default."""
    return int(environ.get("PORT") or "8080")


if __name__ == "__main__":
    uvicorn.run(
        "app.main:app",
        host=os.environ.get("HOST", "0.0.0.0"),
        port=listen_port(dict(os.environ)),
        access_log=False,
    )
