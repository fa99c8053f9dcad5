"""store/personen.BrpCache: BRP persons as read, one dict per reference-data version."""
from rod_service.store.personen import BrpCache


def test_een_andere_versie_krijgt_een_eigen_lege_verzameling():
    cache = BrpCache()
    v1 = cache.voor(1)
    v1["999990007"] = "Jansen"
    assert cache.voor(1) is v1 and cache.voor(1)["999990007"] == "Jansen"
    v2 = cache.voor(2)
    assert v2 == {} and v2 is not v1
    assert v1 == {"999990007": "Jansen"}  # a unit of work still on version 1 keeps its own


def test_een_volle_verzameling_begint_opnieuw():
    cache = BrpCache(grootte=3)
    personen = cache.voor(1)
    personen.update({"a": None, "b": None, "c": None})
    assert cache.voor(1) == {}
