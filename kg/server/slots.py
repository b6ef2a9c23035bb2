"""Query slots of ``kg serve``: a bounded number of queries at once, shared fairly between clients.

A client sending queries in a loop holds at most ``per_client`` of the slots, and a
freed slot goes to the waiting client that holds the fewest, so a few busy clients
cannot keep the others out (they would otherwise get 503 "too many queries").
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Optional


@dataclass(eq=False)
class _Waiter:
    """A client waiting for a query slot."""

    client: str
    ticket: int
    event: threading.Event = field(default_factory=threading.Event)
    granted: bool = False


class FairSlots:
    """At most ``size`` queries at once, and no client holds more than ``per_client`` of them.

    A freed slot goes to the waiting client that holds the fewest (first come
    first served among equals), so a few clients sending queries in a loop
    cannot keep the others out. Only the waiter given the slot is woken.

    >>> slots = FairSlots(size=2)
    >>> slots.acquire("a", 0.1), slots.acquire("a", 0.1), slots.acquire("b", 0.1)
    (True, False, True)
    """

    def __init__(self, size: int = 8, per_client: Optional[int] = None) -> None:
        self.size = size
        self.per_client = per_client or max(1, size - 1)
        self._lock = threading.Lock()
        self._running: dict[str, int] = {}
        self._waiting: list[_Waiter] = []  # all of them ineligible (else they would be granted)
        self._ticket = 0

    def _eligible(self, client: str) -> bool:
        return (sum(self._running.values()) < self.size
                and self._running.get(client, 0) < self.per_client)

    def _take(self, client: str) -> None:
        self._running[client] = self._running.get(client, 0) + 1

    def _grant(self) -> None:
        """Give free slots to the waiters that may have them (under the lock)."""
        while True:
            ready = [w for w in self._waiting if self._eligible(w.client)]
            if not ready:
                return
            chosen = min(ready, key=lambda w: (self._running.get(w.client, 0), w.ticket))
            self._waiting.remove(chosen)
            self._take(chosen.client)
            chosen.granted = True
            chosen.event.set()

    def acquire(self, client: str, timeout: float) -> bool:
        with self._lock:
            if self._eligible(client):  # every waiter is ineligible, so none is passed over
                self._take(client)
                return True
            self._ticket += 1
            me = _Waiter(client, self._ticket)
            self._waiting.append(me)
        me.event.wait(timeout)
        with self._lock:
            if me.granted:
                return True
            self._waiting.remove(me)
            return False

    def release(self, client: str) -> None:
        with self._lock:
            n = self._running.get(client, 0) - 1
            if n > 0:
                self._running[client] = n
            else:
                self._running.pop(client, None)
            self._grant()
