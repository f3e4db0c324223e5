"""ssc-learn's interfaces: the Textual app (`app.py`, `screens/`) and the command line (`cli.py`).

Importing this package does not import Textual; `ssc-learn doc --json` stays fast.
"""
