"""Ad-hoc look-up helper for writers:  python3 -B tools/query.py "cond=Used;type=Truck;maxprice=30000" """
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feed import Feed  # noqa: E402

if __name__ == "__main__":
    f = Feed()
    for spec in sys.argv[1:]:
        res = f.filter(spec)
        print("%s -> %d" % (spec, len(res)))
        for s in res:
            print("   " + f.long_desc(s, "dfti"))
