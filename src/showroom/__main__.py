"""``python -m showroom`` is the ``showroom`` command."""

from showroom.cli import main

main()
