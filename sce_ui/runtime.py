"""Keep Streamlit's garbage collection after every rerun cheap.

After each run of a page Streamlit calls ``gc.collect(2)``, a full collection that walks
every object the process tracks. Once numpy, pandas, plotly and sympy are imported that
is over 150,000 objects and 30 to 70 ms on each slider move, almost all of them module
objects that live as long as the server. :func:`freeze_imports` moves them to the
collector's permanent generation after new modules are imported, so the collection after
a run only looks at what the runs created.
"""

from __future__ import annotations

import gc
import sys

_modules_when_frozen = 0


def freeze_imports() -> bool:
    """Freeze the objects alive now if modules were imported since the last call.

    Returns whether it froze. Frozen objects are never freed by the cycle collector
    (reference counting still frees them), so this runs only when ``sys.modules`` grew:
    on the first runs of a page that imports something new, not on every rerun.

    >>> import gc
    >>> freeze_imports() or True
    True
    >>> freeze_imports(), gc.get_freeze_count() > 0
    (False, True)
    """
    global _modules_when_frozen
    if len(sys.modules) == _modules_when_frozen:
        return False
    gc.freeze()
    _modules_when_frozen = len(sys.modules)
    return True
