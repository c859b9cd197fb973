"""The one base class of the errors the library raises for bad input.

The CLI turns any ``KGError`` into one ``[ERROR] ...`` line on stderr and exit code 3; each
stage subclasses it with a message that names the file, line and problem.
"""


class KGError(ValueError):
    """Bad input (file, text, query, parameter) described for the user."""
