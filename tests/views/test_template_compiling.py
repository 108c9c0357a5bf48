"""Templates compiled on first use are compiled one at a time: Python 3.11's ast module
keeps global state, and threads compiling at once fail with a SystemError (a 500 for
whoever opened the page first, seen when eight teachers opened one form together)."""
from __future__ import annotations

import threading
import time

from chameleon.template import BaseTemplate
from chameleon.zpt.template import PageTemplate


def test_no_two_threads_compile_a_template_at_once(world):  # (the app is configured)
    compiling, most = [0], [0]
    guard = threading.Lock()
    compile_ = BaseTemplate._compile

    def slow_compile(self, body, builtins):
        with guard:
            compiling[0] += 1
            most[0] = max(most[0], compiling[0])
        time.sleep(0.05)
        try:
            return compile_(self, body, builtins)
        finally:
            with guard:
                compiling[0] -= 1

    BaseTemplate._compile = slow_compile
    try:
        stamp, shown = time.time_ns(), []

        def first_use(number: int) -> None:  # (a template is compiled as it is made)
            shown.append(PageTemplate(f"<p>${{name}} {stamp} {number}</p>")(name="Maya"))

        threads = [threading.Thread(target=first_use, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        BaseTemplate._compile = compile_
    assert most[0] == 1
    assert len(shown) == 6 and all(page.startswith("<p>Maya") for page in shown)
