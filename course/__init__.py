"""ssc-learn's domain core: the document, the course outline, questions, grading and progress.

Nothing in this package imports Textual or does I/O at import time.
"""

from __future__ import annotations

__version__ = "0.1.0"
