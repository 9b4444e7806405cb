"""Pictures of an alignment: where the path runs, where it is unsure, what has no partner.

``layout`` turns a ``Bitext`` (and the sentence vectors) into plain arrays, linear in the
document's length; ``figure`` draws them with matplotlib, which is optional (``dari[plot]``)
and imported only when a picture is asked for.
"""

from align.plotting.figure import plot_bitext, render_plot

__all__ = ["plot_bitext", "render_plot"]
