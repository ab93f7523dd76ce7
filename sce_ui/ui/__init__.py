"""What a lab's page needs beside its story: the notices for its link values, its caches.

One module per lab, named as its model in :mod:`sce_ui.models`. A notice builder takes
the link read by :func:`sce_ui.widgets.link_values` and the values the controls show,
and returns the list :func:`sce_ui.widgets.warn_ignored` takes; the widgets themselves
stay in the page, whose source names their keys. A page imports a module here as
``<module>_ui``: ``from sce_ui.ui import gradcheck as gradcheck_ui``.
"""
