"""What a step's or lab's page needs beside its story: the notices for its link values, its
buttons' callbacks, its caches.

One module per page, named as its model in :mod:`sce_ui.models` (as its LaTeX writers in
:mod:`sce_ui.latex` where it has no model). A notice builder takes
the link read by :func:`sce_ui.widgets.link_values` and the values the controls show,
and returns the list :func:`sce_ui.widgets.warn_ignored` takes; the widgets themselves
stay in the page, whose source names their keys. A page imports a module here as
``<module>_ui``: ``from sce_ui.ui import gradcheck as gradcheck_ui``.
"""
