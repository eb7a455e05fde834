"""``python -m showroom.cli`` runs the ``showroom`` command, as it did when the CLI was one module."""

from showroom.cli import main

main()
