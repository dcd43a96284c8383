"""Ending a helper process the build started, with the pipe it listened on."""

from __future__ import annotations

import multiprocessing.process
from multiprocessing.connection import Connection


def end(process: multiprocessing.process.BaseProcess | None, receiver: Connection | None) -> None:
    """Stop `process` if it still runs, wait for it, and close `receiver`."""
    if process is not None:
        if process.pid is not None:  # started (`start` may have failed)
            process.terminate()
            process.join()
        process.close()
    if receiver is not None:
        receiver.close()
