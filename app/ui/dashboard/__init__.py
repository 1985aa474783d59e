"""The dashboard tab: rankings, tiles, trends, key topics and the watch list, drawn with pyqtgraph."""
